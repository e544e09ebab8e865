import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The provider failed (HTTP 5xx). */
export class ServerError extends ProxylessError {
  override readonly name = "ServerError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
