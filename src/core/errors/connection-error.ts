import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The HTTP connection failed: refused, reset, or dropped before or while the answer was read. */
export class ConnectionError extends ProxylessError {
  override readonly name = "ConnectionError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
