import { TimeoutError } from "../../core/errors/timeout-error.js";
import type { TimeoutLimit } from "./timeout-options.js";

/**
 * The `code` of the error for each limit, so that code (a metric, a retry policy) can tell a slow
 * start from a stall or a long answer without reading messages.
 */
export const ATTEMPT_TIMEOUT_CODES = {
  totalMs: "attempt_timeout_total",
  firstTokenMs: "attempt_timeout_first_token",
  idleMs: "attempt_timeout_idle",
} as const satisfies Record<TimeoutLimit, string>;

/** One of {@link ATTEMPT_TIMEOUT_CODES}. */
export type AttemptTimeoutCode = (typeof ATTEMPT_TIMEOUT_CODES)[TimeoutLimit];

/** What ran out, as the message says it. */
function what(limit: TimeoutLimit, ms: number, kind: "chat" | "stream"): string {
  if (limit === "firstTokenMs") return `no first event within ${ms} ms`;
  if (limit === "idleMs") return `no event within ${ms} ms of the previous one`;
  return kind === "chat" ? `no response within ${ms} ms` : `the stream did not finish within ${ms} ms`;
}

/**
 * The error an attempt fails with when a limit runs out: retryable, since another attempt (a
 * retry, another target) may well be quicker. It names the provider, the limit and its value:
 * `openai: no first event within 2000 ms (timeout firstTokenMs)`.
 */
export function attemptTimeoutError(limit: TimeoutLimit, ms: number, kind: "chat" | "stream", provider: string | undefined, name: string): TimeoutError {
  const message = `${provider ? `${provider}: ` : ""}${what(limit, ms, kind)} (${name} ${limit})`;
  return new TimeoutError(message, { ...(provider ? { provider } : {}), code: ATTEMPT_TIMEOUT_CODES[limit], retryable: true });
}
