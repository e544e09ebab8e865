import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** Quota or credit is used up (OpenAI `insufficient_quota`, a daily quota, billing): waiting a little will not help. */
export class QuotaExceededError extends ProxylessError {
  override readonly name = "QuotaExceededError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
