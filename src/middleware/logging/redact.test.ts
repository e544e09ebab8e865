import { describe, expect, it } from "vitest";
import { KEY_PATTERNS, redactText, redactValue } from "./redact.js";

describe("redact", () => {
  it.each([
    ["sk-proj-abcDEF123456", "[redacted]"],
    ["key=sk-ant-api03-xyz_1234", "key=[redacted]"],
    ["x-goog-api-key: AIzaSyD-abcdefghijk", "x-goog-api-key: [redacted]"],
    ["authorization: Bearer eyJhbGciOi.J9", "authorization: [redacted]"],
    ["a task-runner and desk-lamp stay", "a task-runner and desk-lamp stay"],
  ])("%s", (input, output) => {
    expect(redactText(input, KEY_PATTERNS)).toBe(output);
  });

  it("walks objects and arrays, summarises binary data, drops functions", () => {
    const value = { a: ["sk-abcdefghij"], b: { c: new Uint8Array(3), d: () => 1, e: 4, f: null } };
    expect(redactValue(value, KEY_PATTERNS)).toEqual({ a: ["[redacted]"], b: { c: "[binary: 3 bytes]", e: 4, f: null } });
  });
});
