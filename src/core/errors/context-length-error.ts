import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The prompt plus output do not fit the model's context window. */
export class ContextLengthError extends ProxylessError {
  override readonly name = "ContextLengthError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
