import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/**
 * An attempt ran out of time: past the request's `timeoutMs`, past a `timeout()` limit (its `code`
 * says which: `attempt_timeout_total`, `attempt_timeout_first_token`, `attempt_timeout_idle`), or
 * the provider answered HTTP 408/504. Retryable; the caller's own deadline (a signal from
 * `AbortSignal.timeout()`) is a `TimeoutError` with `retryable: false`.
 */
export class TimeoutError extends ProxylessError {
  override readonly name = "TimeoutError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
