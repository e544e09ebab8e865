import { describe, expect, it } from "vitest";
import { headerReader, parseRetryAfter } from "./retry-after.js";

describe("parseRetryAfter", () => {
  it("prefers retry-after-ms", () => {
    expect(parseRetryAfter(headerReader(new Headers({ "retry-after-ms": "1500.5", "retry-after": "9" })))).toBe(1500.5);
  });

  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter(headerReader({ "Retry-After": "20" }))).toBe(20_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(headerReader({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now)).toBe(30_000);
  });

  it("ignores junk and negatives", () => {
    expect(parseRetryAfter(headerReader({ "retry-after": "-1" }))).toBeUndefined();
    expect(parseRetryAfter(headerReader({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(headerReader(undefined))).toBeUndefined();
  });
});
