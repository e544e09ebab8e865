import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/**
 * The provider's answer could not be read: a body that is not the JSON it should be (cut short
 * while the connection stayed up, or garbled). Retryable: the same request usually succeeds.
 */
export class MalformedResponseError extends ProxylessError {
  override readonly name = "MalformedResponseError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
