import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** Too many requests or tokens for now (HTTP 429): wait `retryAfterMs` and try again. */
export class RateLimitError extends ProxylessError {
  override readonly name = "RateLimitError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
