import { ProxylessError } from "../errors/proxyless-error.js";

/**
 * What a route does after a target failed: try the `next` target, try the same target `again`
 * with another key of its pool (a key rejected with 401/403, now disabled), or `stop` and give the
 * caller the error.
 */
export type MoveOn = "next" | "again" | "stop";

/** Errors that say this target cannot serve now, but another may: never the request's fault. */
const NEXT_BY_NAME = new Set(["CircuitOpenError", "ContextLengthError", "QuotaExceededError", "RateLimitError"]);

/**
 * Decides from the error alone (and whether the provider has another usable key): retryable
 * failures (their retries are spent by now), an open circuit, a rate limit or quota, a context too
 * long for this target go on to the next; the caller's cancellation or deadline, an invalid
 * request, an unknown model, a rejected key with no other key to use, and anything untyped stop.
 */
export function moveOn(error: unknown, callAborted: boolean, spareKey: () => boolean): MoveOn {
  if (callAborted || !ProxylessError.isInstance(error)) return "stop";
  if (error.name === "AuthenticationError" || error.name === "PermissionError") {
    if (error.code === "all_keys_disabled") return "next";
    return spareKey() ? "again" : "stop";
  }
  if (NEXT_BY_NAME.has(error.name)) return "next";
  return error.retryable ? "next" : "stop";
}
