import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The provider rejected the request as malformed or unsupported (HTTP 400, 413, 422). */
export class InvalidRequestError extends ProxylessError {
  override readonly name = "InvalidRequestError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
