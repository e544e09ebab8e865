import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The API key was missing, invalid or revoked (HTTP 401). */
export class AuthenticationError extends ProxylessError {
  override readonly name = "AuthenticationError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
