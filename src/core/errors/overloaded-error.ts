import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The provider is overloaded (HTTP 503/529, Anthropic `overloaded_error`). */
export class OverloadedError extends ProxylessError {
  override readonly name = "OverloadedError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
