export { timeout } from "./timeout-middleware.js";
export type { TimeoutLimit, TimeoutOptions } from "./timeout-options.js";
export { ATTEMPT_TIMEOUT_CODES, type AttemptTimeoutCode } from "./attempt-timeout-error.js";
