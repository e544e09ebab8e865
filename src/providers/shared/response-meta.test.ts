import { describe, expect, it } from "vitest";
import { responseMeta } from "./response-meta.js";

describe("responseMeta", () => {
  it("keeps the request id when known and parses rate limits only when read", () => {
    const calls: number[] = [];
    const meta = responseMeta("req_1", new Headers({ "x-remaining": "3" }), (header, now) => {
      calls.push(now);
      return { requests: { remaining: Number(header("x-remaining")) } };
    });
    expect(meta.requestId).toBe("req_1");
    expect(calls).toEqual([]);
    expect(typeof meta.rateLimit === "function" && meta.rateLimit()).toEqual({ requests: { remaining: 3 } });
    expect(calls).toHaveLength(1);
    expect(responseMeta(null, new Headers(), () => undefined)).not.toHaveProperty("requestId");
  });
});
