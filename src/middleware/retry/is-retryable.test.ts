import { describe, expect, it } from "vitest";
import { AbortError } from "../../core/errors/abort-error.js";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { ConnectionError } from "../../core/errors/connection-error.js";
import { ContextLengthError } from "../../core/errors/context-length-error.js";
import { errorFromStatus } from "../../core/errors/error-from-status.js";
import { QuotaExceededError } from "../../core/errors/quota-exceeded-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import { callCancelled } from "../../core/pipeline/cancellation.js";
import { isRetryable } from "./is-retryable.js";

describe("isRetryable", () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 529])("HTTP %i is retryable", (status) => {
    expect(isRetryable(errorFromStatus(status, "x"))).toBe(true);
  });

  it.each([400, 401, 402, 403, 404, 413, 422])("HTTP %i is not", (status) => {
    expect(isRetryable(errorFromStatus(status, "x"))).toBe(false);
  });

  it("follows `retryable`, never the class: an x-should-retry override counts", () => {
    expect(isRetryable(new ConnectionError("reset"))).toBe(true);
    expect(isRetryable(new TimeoutError("attempt timed out"))).toBe(true);
    expect(isRetryable(new RateLimitError("no", { retryable: false }))).toBe(false);
    expect(isRetryable(new AuthenticationError("yes", { retryable: true }))).toBe(true);
  });

  it("never the caller's cancellation or deadline, quota, context length", () => {
    expect(isRetryable(callCancelled(new DOMException("aborted", "AbortError")))).toBe(false);
    expect(isRetryable(callCancelled(new DOMException("timed out", "TimeoutError")))).toBe(false);
    expect(isRetryable(new AbortError("aborted"))).toBe(false);
    expect(isRetryable(new QuotaExceededError("out of credit", { status: 429 }))).toBe(false);
    expect(isRetryable(new ContextLengthError("too long"))).toBe(false);
  });

  it("never what is not a ProxylessError, however it looks", () => {
    expect(isRetryable(new TypeError("fetch failed"))).toBe(false);
    expect(isRetryable({ name: "RateLimitError", retryable: true })).toBe(false);
    expect(isRetryable("503")).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});
