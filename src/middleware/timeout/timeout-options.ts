/**
 * Options of {@link timeout}. Set at least one limit; each is in milliseconds and applies to every
 * attempt on its own, so a retry or a fallback starts with a full allowance.
 *
 * @example
 * ```ts
 * timeout({ totalMs: 60_000, firstTokenMs: 10_000, idleMs: 15_000 });
 * ```
 */
export interface TimeoutOptions {
  /**
   * The whole attempt: for `chat`, until the response; for `stream`, until its `finish` (the time
   * the caller spends between events counts too). Fails with the code `"attempt_timeout_total"`.
   * @default undefined (no limit)
   */
  readonly totalMs?: number;
  /**
   * Streams only: the wait for the first event (the provider's time to first token, the connection
   * included). A `chat` is not bounded by it: its first byte is the whole answer, so bound it with
   * `totalMs`. Fails with the code `"attempt_timeout_first_token"`.
   * @default undefined (no limit)
   */
  readonly firstTokenMs?: number;
  /**
   * Streams only: the longest the provider may go quiet between two events. Only time spent waiting
   * on the provider counts, never the caller's own time between pulls; the wait for the first event
   * is `firstTokenMs`'s. Fails with the code `"attempt_timeout_idle"`.
   * @default undefined (no limit)
   */
  readonly idleMs?: number;
  /** The middleware's name in errors and traces, and in its error messages. @default "timeout" */
  readonly name?: string;
}

/** One of the limits of {@link TimeoutOptions}. */
export type TimeoutLimit = "totalMs" | "firstTokenMs" | "idleMs";
