import type { Redis } from "ioredis";

/**
 * The limits of one rule. Every limit is optional; a rule with none is a no-op.
 *
 * `rpm` and `tpm` hold in every sliding window of `windowMs` (a minute unless changed): at no
 * moment have more than `rpm` requests, or requests worth more than `tpm` tokens, been sent in the
 * last `windowMs`.
 */
export interface RateLimitRule {
  /** Requests per window. */
  readonly rpm?: number;
  /**
   * Tokens (input + output) per window. Each attempt reserves an estimate (input estimate plus
   * `maxTokens`, or `defaultOutputTokens`) before it is sent and is settled to the usage the
   * provider reports.
   */
  readonly tpm?: number;
  /** Attempts in flight at once. */
  readonly concurrency?: number;
  /** Attempts that may wait for this rule (per process); one more fails at once with a `RateLimitError`. @default Infinity */
  readonly maxQueue?: number;
  /** How long an attempt may wait for this rule, pauses included; longer fails with a `RateLimitError`. @default Infinity */
  readonly maxWaitMs?: number;
  /**
   * The window `rpm` and `tpm` are counted in. Providers count per minute; a shorter window is for
   * limits of another unit (`{ rpm: 10, windowMs: 1000 }` is ten a second) and for tests.
   * @default 60_000
   */
  readonly windowMs?: number;
  /**
   * `true`: every model the pattern matches has its own budget (providers limit per model);
   * `false`: they share one. A pattern that names one model is the same either way.
   * @default false
   */
  readonly perModel?: boolean;
}

/** Where shared limits live. One of `url` and `client`. */
export interface RateLimitRedisOptions {
  /** `redis://127.0.0.1:6379`: a connection is made (and closed by `close()`). */
  readonly url?: string;
  /** Your own ioredis client (a duplicate is made for Bottleneck's pub/sub); you close it. */
  readonly client?: Redis;
  /** Prefix of every key, so that apps sharing a Redis keep apart. @default "proxyless" */
  readonly prefix?: string;
  /**
   * What happens while Redis cannot be reached: `"open"` limits each process on its own with the
   * same rules (a warning says so), until Redis answers again; `"closed"` fails attempts with a
   * `RateLimitError` (code `rate_limiter_unavailable`).
   * @default "open"
   */
  readonly onUnavailable?: "open" | "closed";
  /** How long connecting may take before Redis counts as unreachable. @default 1_000 */
  readonly connectTimeoutMs?: number;
  /**
   * The longest an attempt holds a shared permit. Bottleneck frees a permit after this even when
   * its process died holding it; an attempt that runs longer stops being counted.
   * @default 600_000 (the SDKs' own request timeout)
   */
  readonly leaseMs?: number;
}

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /**
   * Rules by target pattern: `"openai/gpt-4o-mini"` (one model), `"openai/gpt-4o*"` (a model
   * prefix), `"openai/*"` (a provider), `"*"` (everything). An attempt follows the most specific
   * rule that matches its target; each API key of a key pool has its own budget.
   */
  readonly rules: Readonly<Record<string, RateLimitRule>>;
  /** Shared limits across processes, on Bottleneck's Redis clustering. @default in-process limits */
  readonly redis?: RateLimitRedisOptions;
  /**
   * Output tokens reserved for an attempt that sets no `maxTokens` (for `tpm`).
   * @default 1_024
   */
  readonly defaultOutputTokens?: number;
  /**
   * The `metadata` field that carries a request's priority: `"0"` (first) to `"9"` (last); requests
   * of one priority keep their order.
   * @default "priority" (and priority "5" when absent)
   */
  readonly priorityFrom?: string;
  /**
   * Follow the providers' own signals: hold a target when its rate-limit headers say none is left
   * until their reset, and after a 429 with a retry-after (or Gemini `RetryInfo`) until it has
   * passed.
   * @default true
   */
  readonly providerSignals?: boolean;
  /**
   * The longest this limiter waits out a provider's pause (a retry-after, a header reset). A longer
   * one fails the attempt at once with a retryable `RateLimitError` (code `rate_limit_paused`) whose
   * `retryAfterMs` says how long, so that `retry()` (whose `maxDelayMs` fails fast) or a fallback
   * decides, instead of every call silently waiting minutes behind a quota.
   * @default 60_000
   */
  readonly maxPauseMs?: number;
  /** The middleware's name in errors and traces. @default "rate-limit" */
  readonly name?: string;
}
