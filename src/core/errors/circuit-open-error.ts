import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** A circuit breaker refused the call without sending it. */
export class CircuitOpenError extends ProxylessError {
  override readonly name = "CircuitOpenError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
