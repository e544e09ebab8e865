import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The key may not use this model or feature, or the region is unsupported (HTTP 403). */
export class PermissionError extends ProxylessError {
  override readonly name = "PermissionError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
