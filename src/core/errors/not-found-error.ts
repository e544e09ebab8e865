import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The model or endpoint does not exist (HTTP 404). */
export class NotFoundError extends ProxylessError {
  override readonly name = "NotFoundError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
