import { ProxylessError } from "../../core/errors/proxyless-error.js";

/**
 * The default `isFailure` of `circuitBreaker()`: whether an error says the target itself is
 * unwell. Yes for a retryable `ProxylessError` (5xx, 503/529 overload, connection failures,
 * 408/504 and attempt timeouts, broken or garbled answers), except a rate limit: a 429 says the
 * target is up but busy for this key, and `rateLimit()` holds the target for exactly as long as the
 * provider asks, where an open circuit would guess. No for what says nothing about the target's
 * health: invalid requests, auth, not found, quota, context length, the caller's cancellation, and
 * errors that are not `ProxylessError`s (a middleware's own).
 *
 * @example
 * ```ts
 * circuitBreaker({ isFailure: (error) => isCircuitFailure(error) && (error as { status?: number }).status !== 500 });
 * ```
 */
export function isCircuitFailure(error: unknown): boolean {
  return ProxylessError.isInstance(error) && error.retryable && error.name !== "RateLimitError";
}

/**
 * Whether an attempt ended because its call or the attempt itself was cancelled: the caller's
 * `signal`, `stream.abort()`, a `break`, the caller's own deadline, a hedge's loser. Such an
 * attempt tells nothing about its target, whatever `isFailure` would say.
 */
export function isCancellation(error: unknown, callSignal: () => AbortSignal): boolean {
  if (ProxylessError.isInstance(error)) {
    if (error.name === "AbortError") return true;
    // The caller's deadline (`AbortSignal.timeout()`); an attempt's own timeout is retryable.
    if (error.name === "TimeoutError" && !error.retryable) return true;
  }
  return callSignal().aborted;
}
