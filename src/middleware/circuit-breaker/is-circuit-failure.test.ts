import { describe, expect, it } from "vitest";
import { AbortError } from "../../core/errors/abort-error.js";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { CircuitOpenError } from "../../core/errors/circuit-open-error.js";
import { ConnectionError } from "../../core/errors/connection-error.js";
import { ContextLengthError } from "../../core/errors/context-length-error.js";
import { errorFromStatus } from "../../core/errors/error-from-status.js";
import { MalformedResponseError } from "../../core/errors/malformed-response-error.js";
import { QuotaExceededError } from "../../core/errors/quota-exceeded-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import { isCancellation, isCircuitFailure } from "./is-circuit-failure.js";

const live = (): AbortSignal => new AbortController().signal;

describe("isCircuitFailure", () => {
  it.each([500, 502, 503, 504, 529, 408])("HTTP %i is a failure of the target", (status) => {
    expect(isCircuitFailure(errorFromStatus(status, "x"))).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 422, 429, 402])("HTTP %i is not", (status) => {
    expect(isCircuitFailure(errorFromStatus(status, "x"))).toBe(false);
  });

  it("counts connection failures, attempt timeouts and broken or garbled answers", () => {
    for (const error of [new ConnectionError("reset"), new TimeoutError("slow", { code: "attempt_timeout_total" }), new StreamInterruptedError("cut"), new MalformedResponseError("garbled")]) {
      expect(isCircuitFailure(error)).toBe(true);
    }
  });

  it("does not count cancellation, the caller's deadline, quota, context length, auth, another breaker's refusal, or foreign errors", () => {
    const neutral = [
      new AbortError("aborted"),
      new TimeoutError("the caller's deadline", { retryable: false }),
      new QuotaExceededError("quota"),
      new ContextLengthError("too long"),
      new AuthenticationError("401"),
      new CircuitOpenError("open"),
      new Error("plain"),
      { retryable: true },
      undefined,
    ];
    for (const error of neutral) expect(isCircuitFailure(error)).toBe(false);
  });
});

describe("isCancellation", () => {
  it("is an AbortError, the caller's deadline, or any error of a call whose signal aborted", () => {
    expect(isCancellation(new AbortError("x"), live)).toBe(true);
    expect(isCancellation(new TimeoutError("deadline", { retryable: false }), live)).toBe(true);
    expect(isCancellation(new TimeoutError("attempt", { code: "attempt_timeout_total" }), live)).toBe(false);
    expect(isCancellation(errorFromStatus(500, "x"), live)).toBe(false);
    expect(isCancellation(errorFromStatus(500, "x"), () => AbortSignal.abort())).toBe(true);
  });
});
