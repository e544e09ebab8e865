import { ProxylessError } from "../../core/errors/proxyless-error.js";

/**
 * Whether trying the same request again may succeed: a `ProxylessError` whose `retryable` is
 * `true` (rate limits, 408, 409, 5xx, overload, connection failures, attempt timeouts). Anything
 * else is not: auth, invalid requests, quota, context length, the caller's cancellation or own
 * deadline, and every error that is not a `ProxylessError` (a middleware's own).
 *
 * @example
 * ```ts
 * try { return await next(request); } catch (error) { if (!isRetryable(error)) throw error; ... }
 * ```
 */
export function isRetryable(error: unknown): boolean {
  return ProxylessError.isInstance(error) && error.retryable;
}
