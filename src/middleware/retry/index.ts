export { retry } from "./retry-middleware.js";
export type { RetryInfo, RetryOptions } from "./retry-options.js";
export { isRetryable } from "./is-retryable.js";
export { isRetryMiddleware } from "./is-retry-middleware.js";
