import type { Middleware } from "../../core/types/middleware.js";

/** `Symbol.for`, so that a middleware made by another copy of the package is recognised too. */
const BRAND = Symbol.for("proxyless.retry");

/**
 * Marks a middleware as one `retry()` made. A symbol key: `Object.keys` and JSON do not show it, and
 * a spread copy (`{ ...retry(), name: "mine" }`), which still retries, keeps it.
 */
export function brandRetry<T extends Middleware>(middleware: T): T {
  return Object.assign(middleware, { [BRAND]: true });
}

/**
 * Whether a middleware was made by `retry()`, whatever its `name`: how a client can tell that its
 * middleware list already retries.
 *
 * @example
 * ```ts
 * const retries = config.middleware?.some(isRetryMiddleware) ?? false;
 * ```
 */
export function isRetryMiddleware(middleware: unknown): boolean {
  return typeof middleware === "object" && middleware !== null && (middleware as Record<symbol, unknown>)[BRAND] === true;
}
