import type { ProxylessError } from "../../core/errors/proxyless-error.js";

/**
 * What `onRetry` and `shouldRetry` are told about a retry that is about to be made: the attempt
 * that failed, and the wait before the next one.
 */
export interface RetryInfo {
  /** The error the attempt failed with: always a `ProxylessError` whose `retryable` is `true`. */
  readonly error: ProxylessError;
  /**
   * Which try failed, counted by this middleware from 1: `1` is the try it started with, and the
   * retry about to be made is try `attemptNumber + 1`. (`meta.attempts[].number` counts the call's
   * attempts instead, those of other routes included.)
   */
  readonly attemptNumber: number;
  /** How many retries are still allowed after the one about to be made. */
  readonly retriesLeft: number;
  /**
   * Milliseconds it waits before the next try: the computed backoff, or the provider's
   * `retryAfterMs` when that is longer.
   */
  readonly delayMs: number;
  /** Milliseconds since this middleware started its first try. */
  readonly elapsedMs: number;
  /** The configured provider the tries go to. */
  readonly provider: string;
  /** The provider-side model id the tries go to. */
  readonly model: string;
  /** The id of the `chat()`/`stream()` call. */
  readonly callId: string;
}

/** Options of {@link retry}. Every one is optional; an unknown key is a `ConfigError`. */
export interface RetryOptions {
  /**
   * How many times a failed attempt is tried again; `0` turns retrying off. `Infinity` is allowed
   * only with a finite `maxElapsedMs`.
   * @default 2 (as the official SDKs)
   */
  readonly retries?: number;
  /** The wait before the first retry, before jitter. @default 500 */
  readonly minDelayMs?: number;
  /**
   * The longest computed wait, and the longest `retryAfterMs` honoured: a provider asking for a
   * longer wait fails the call at once with its error (no wait, no retry), so that a fallback can
   * try elsewhere rather than sit out a long quota window.
   * @default 8_000
   */
  readonly maxDelayMs?: number;
  /** Each retry waits `factor` times longer than the one before, up to `maxDelayMs`. @default 2 */
  readonly factor?: number;
  /**
   * The part of each computed wait taken off at random, from 0 (every client waits the same) to 1
   * ("full jitter": anywhere between 0 and the computed wait). The wait is
   * `base * (1 - jitter * Math.random())`. A provider's `retryAfterMs` is never shortened by it.
   * @default 0.25 (as the official SDKs)
   */
  readonly jitter?: number;
  /**
   * A bound on the whole run, tries and waits together, from the start of the first try: a retry
   * whose wait would end past it is not made, and the last error is thrown.
   * @default Infinity (`retries` and `maxDelayMs` bound the run; a long generation that fails late
   *   is still retried)
   */
  readonly maxElapsedMs?: number;
  /**
   * A last say on a retry about to be made. Only asked about errors that would be retried
   * otherwise (retryable, within `maxDelayMs` and `maxElapsedMs`): it can veto a retry, never
   * force one, so that what the caller cancelled or what cannot succeed (auth, quota) is never
   * repeated. Returning `false`, or throwing, fails the call with the attempt's error.
   * @default every retryable error is retried
   * @example
   * ```ts
   * // Leave long rate-limit waits to a fallback on another provider.
   * retry({ shouldRetry: (error, info) => !(error.name === "RateLimitError" && info.delayMs > 2_000) })
   * ```
   */
  readonly shouldRetry?: (error: ProxylessError, info: RetryInfo) => boolean | Promise<boolean>;
  /**
   * Called before each wait (for logs and metrics). It is not awaited, and what it throws or
   * rejects with is ignored: observing a retry never breaks the call.
   * @example
   * ```ts
   * retry({ onRetry: ({ error, attemptNumber, delayMs }) => log.warn(`try ${attemptNumber} failed (${error.name}), again in ${delayMs} ms`) })
   * ```
   */
  readonly onRetry?: (info: RetryInfo) => void;
  /** The middleware's name in errors and traces. @default "retry" */
  readonly name?: string;
}
