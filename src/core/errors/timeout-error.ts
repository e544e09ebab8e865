import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The attempt ran past `timeoutMs` (or the provider answered HTTP 408/504). */
export class TimeoutError extends ProxylessError {
  override readonly name = "TimeoutError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
