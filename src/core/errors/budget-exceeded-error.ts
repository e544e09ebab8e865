import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** A budget refused the call before anything was sent. */
export class BudgetExceededError extends ProxylessError {
  override readonly name = "BudgetExceededError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
