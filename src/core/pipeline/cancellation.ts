import { AbortError } from "../errors/abort-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";
import { TimeoutError } from "../errors/timeout-error.js";

/** `AbortSignal.timeout()` aborts with a `DOMException` named `TimeoutError`. */
function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === "object" && reason !== null && (reason as { name?: unknown }).name === "TimeoutError";
}

function prefixed(provider: string | undefined, text: string): string {
  return provider ? `${provider}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The error of a call the caller cancelled (its `signal`, `stream.abort()`, a `break`): never
 * retryable, whatever the adapter saw. A signal from `AbortSignal.timeout()` is the caller's own
 * deadline: a `TimeoutError`, still not retryable, since retrying would outlive it.
 */
export function callCancelled(reason: unknown, provider?: string, cause: unknown = reason): ProxylessError {
  const options = { ...(provider ? { provider } : {}), ...(cause !== undefined ? { cause } : {}) };
  if (isTimeoutReason(reason)) return new TimeoutError(prefixed(provider, "the caller's deadline passed (its signal timed out)"), { ...options, retryable: false });
  return new AbortError(prefixed(provider, "the call was aborted"), options);
}

/**
 * The error of one attempt a middleware cancelled through a signal it handed on, the call going
 * on: the middleware's own `ProxylessError` when it aborted with one, a retryable `TimeoutError`
 * for `AbortSignal.timeout()`, else an `AbortError`.
 */
export function attemptCancelled(reason: unknown, provider?: string): ProxylessError {
  if (ProxylessError.isInstance(reason)) return reason;
  const options = { ...(provider ? { provider } : {}), ...(reason !== undefined ? { cause: reason } : {}) };
  if (isTimeoutReason(reason)) return new TimeoutError(prefixed(provider, "the attempt timed out"), options);
  return new AbortError(prefixed(provider, "the attempt was cancelled"), options);
}
