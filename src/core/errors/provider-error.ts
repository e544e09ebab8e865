import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** An adapter failed in a way no other class describes; `cause` holds the original. */
export class ProviderError extends ProxylessError {
  override readonly name = "ProviderError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
