import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The caller aborted the call (`signal`, `stream.abort()`). */
export class AbortError extends ProxylessError {
  override readonly name = "AbortError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
