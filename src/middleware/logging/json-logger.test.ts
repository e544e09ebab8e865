import { describe, expect, it } from "vitest";
import { jsonLogger } from "./json-logger.js";

describe("jsonLogger", () => {
  it("writes one JSON line per record: info on stdout, warn on stderr", () => {
    const out: string[] = [];
    const err: string[] = [];
    const logger = jsonLogger({ stdout: { write: (l) => out.push(l) }, stderr: { write: (l) => err.push(l) } });
    logger.info({ callId: "c1" }, "llm call");
    logger.warn({ callId: "c2" }, "llm call failed");
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith("\n")).toBe(true);
    expect(JSON.parse(out[0] as string)).toMatchObject({ level: "info", msg: "llm call", callId: "c1", time: expect.any(String) as string });
    expect(JSON.parse(err[0] as string)).toMatchObject({ level: "warn", callId: "c2" });
  });
});
