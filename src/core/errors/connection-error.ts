import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The HTTP connection failed before a response arrived. */
export class ConnectionError extends ProxylessError {
  override readonly name = "ConnectionError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
