import { describe, expect, it } from "vitest";
import { redactSecret, scrubError } from "./redact-secret.js";

const KEY = "sk-secret-0123456789";

describe("redactSecret", () => {
  it("replaces the key wherever it appears", () => {
    expect(redactSecret(`bad key ${KEY}; again ${KEY}`, KEY)).toBe("bad key [redacted]; again [redacted]");
  });

  it("leaves text alone without a usable key", () => {
    expect(redactSecret("abc", undefined)).toBe("abc");
    expect(redactSecret("abc", "ab")).toBe("abc");
  });
});

describe("scrubError", () => {
  it("scrubs the message, the stack and a carried body", () => {
    const error = Object.assign(new Error(`key ${KEY} rejected`), { error: { message: `no ${KEY}` } });
    scrubError(error, KEY);
    expect(error.message).toBe("key [redacted] rejected");
    expect(error.stack).not.toContain(KEY);
    expect(error.error).toEqual({ message: "no [redacted]" });
  });

  it("scrubs an error whose message is a getter (DOMException) without throwing", () => {
    const error = new DOMException(`aborted ${KEY}`, "AbortError");
    expect(() => scrubError(error, KEY)).not.toThrow();
    expect(error.message).toBe("aborted [redacted]");
    expect(error.name).toBe("AbortError");
  });

  it("leaves an error without the key untouched", () => {
    const error = new DOMException("aborted", "AbortError");
    expect(scrubError(error, KEY)).toBe(error);
    expect(Object.getOwnPropertyNames(error)).not.toContain("message");
  });
});
