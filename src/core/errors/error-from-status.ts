import { AuthenticationError } from "./authentication-error.js";
import { InvalidRequestError } from "./invalid-request-error.js";
import { NotFoundError } from "./not-found-error.js";
import { OverloadedError } from "./overloaded-error.js";
import { PermissionError } from "./permission-error.js";
import { ProviderError } from "./provider-error.js";
import type { ProxylessError, ProxylessErrorOptions } from "./proxyless-error.js";
import { QuotaExceededError } from "./quota-exceeded-error.js";
import { RateLimitError } from "./rate-limit-error.js";
import { ServerError } from "./server-error.js";
import { TimeoutError } from "./timeout-error.js";

/**
 * The default class for an HTTP error status. Adapters refine it with what the body says
 * (quota vs rate limit, context length, overload) before falling back to this.
 */
export function errorFromStatus(status: number, message: string, options: ProxylessErrorOptions = {}): ProxylessError {
  const opts = { ...options, status };
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new InvalidRequestError(message, opts);
    case 401:
      return new AuthenticationError(message, opts);
    case 402:
      return new QuotaExceededError(message, opts);
    case 403:
      return new PermissionError(message, opts);
    case 404:
      return new NotFoundError(message, opts);
    case 408:
    case 504:
      return new TimeoutError(message, opts);
    case 429:
      return new RateLimitError(message, opts);
    case 503:
    case 529:
      return new OverloadedError(message, opts);
  }
  if (status >= 500 || status === 409 || status === 499) return new ServerError(message, opts);
  return new ProviderError(message, opts);
}
