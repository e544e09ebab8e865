import { ProxylessError } from "../errors/proxyless-error.js";

/**
 * What a route does after a target failed: try the `next` target, try the same target `again`
 * with another key of its pool (a key rejected with 401/403, now disabled), or `stop` and give the
 * caller the error.
 */
export type MoveOn = "next" | "again" | "stop";

/** Errors that say this target cannot serve now, but another may: never the request's fault. */
const NEXT_BY_NAME = new Set(["CircuitOpenError", "ContextLengthError", "QuotaExceededError", "RateLimitError"]);

/** What routing knows of the failed target's keys. */
export interface KeyOutlook {
  /** Another key is there to try (one of the pool still in use, or a key function to ask again). */
  spare(): boolean;
  /** The provider's keys are a pool or a key function: once none is left, the provider cannot serve. */
  pooled(): boolean;
}

/**
 * Decides from the error alone (and the provider's keys): retryable failures (their retries are
 * spent by now), an open circuit, a rate limit or quota, a context too long for this target, a
 * pool with no key left and a key function that failed go on to the next; the caller's
 * cancellation or deadline, an invalid request, an unknown model, a rejected single key, and
 * anything untyped stop.
 */
export function moveOn(error: unknown, callAborted: boolean, keys: KeyOutlook): MoveOn {
  if (callAborted || !ProxylessError.isInstance(error)) return "stop";
  if (error.name === "AuthenticationError" || error.name === "PermissionError") {
    if (error.code === "all_keys_disabled") return "next";
    if (keys.spare()) return "again";
    return keys.pooled() ? "next" : "stop";
  }
  if (error.name === "ConfigError" && error.code === "key_source_failed") return "next";
  if (NEXT_BY_NAME.has(error.name)) return "next";
  return error.retryable ? "next" : "stop";
}
