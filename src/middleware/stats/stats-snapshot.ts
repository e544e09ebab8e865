/**
 * Percentiles of a measure over the last `windowSize` samples (see {@link StatsSnapshot.windowSize}),
 * in milliseconds; `null` when there is no sample.
 */
export interface LatencySummary {
  /** How many samples the percentiles are of (at most `windowSize`). */
  readonly samples: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** Time to first token of streams, over the last `windowSize` streams answered. */
export interface FirstTokenSummary {
  readonly samples: number;
  readonly p50: number | null;
}

/** Tokens of the calls answered by providers (cache hits spend none and are not counted). */
export interface TokenTotals {
  readonly input: number;
  readonly output: number;
  readonly total: number;
  /** Input tokens read from the provider's prompt cache (part of `input`). */
  readonly cached: number;
  /** Reasoning tokens (part of `output`), where the provider reports them. */
  readonly reasoning: number;
}

/** The counts kept for one target, and for all of them together (`totals`). */
export interface StatsCounts {
  /** Calls that ended here: answered, failed or cancelled. */
  readonly calls: number;
  /** Calls answered (by a provider or from the cache). */
  readonly answered: number;
  /** Calls that ended in an error (cancellations apart). */
  readonly failed: number;
  /** Calls the caller aborted, and streams closed before their `finish` event. */
  readonly cancelled: number;
  /** Attempts made on this target, whichever call they were for and wherever it ended. */
  readonly attempts: number;
  /** Attempts on this target after the first within one call. */
  readonly retries: number;
  /** Times a call moved on from this target to another one. */
  readonly fallbacks: number;
  /** Calls answered from a cache (`meta.cached`). */
  readonly cacheHits: number;
  /** `cacheHits / calls`, from 0 to 1; `null` before the first call. */
  readonly hitRate: number | null;
  /** Failed attempts by error class (`error.name`), such as `{ "ServerError": 3 }`. */
  readonly errors: Readonly<Record<string, number>>;
  /**
   * The errors failed calls ended with, by class: what the caller was thrown
   * (`AllTargetsFailedError` after a fallback ran out, the attempt's error otherwise).
   */
  readonly callErrors: Readonly<Record<string, number>>;
  /**
   * Latency of the calls answered by a provider (cache hits apart): from `chat()`/`stream()` to the
   * answer (a stream's `finish`), retries, backoff and fallbacks included, as `meta.latencyMs`.
   */
  readonly latencyMs: LatencySummary;
  /**
   * Time to first token of the streams answered by a provider: the answering attempt's
   * `firstTokenMs` (from the SDK call to its first part), the provider's own share of it.
   */
  readonly firstTokenMs: FirstTokenSummary;
  readonly tokens: TokenTotals;
  /**
   * US dollars the calls cost: `response.cost.usd` of those answered by a provider (cache hits cost
   * nothing), and what the attempts of failed or cancelled calls cost (`meta.attempts[].cost`).
   */
  readonly costUsd: number;
  /** Calls answered by a provider whose model has no price: their cost is not in `costUsd`. */
  readonly unpriced: number;
}

/** One target's counts: a configured provider and a model id there (the key is not part of it). */
export interface TargetStats extends StatsCounts {
  readonly provider: string;
  readonly model: string;
  /** When a call or an attempt last touched it (ISO 8601). */
  readonly lastSeen: string;
}

/**
 * What `stats().snapshot()` returns: plain data, safe to `JSON.stringify`, to send to a dashboard
 * or to render with `formatStats`. It holds provider names, model ids, error class names and
 * numbers only: never a key, a message, or any content.
 *
 * @example
 * ```json
 * {
 *   "since": "2025-01-01T10:00:00.000Z",
 *   "takenAt": "2025-01-01T10:05:00.000Z",
 *   "windowSize": 1024,
 *   "maxTargets": 256,
 *   "evictedTargets": 0,
 *   "totals": { "calls": 3, "answered": 3, "failed": 0, "cancelled": 0, "attempts": 4, "retries": 1, "fallbacks": 0,
 *     "cacheHits": 1, "hitRate": 0.3333, "errors": { "ServerError": 1 }, "callErrors": {},
 *     "latencyMs": { "samples": 2, "p50": 212.4, "p95": 480.1, "p99": 480.1 },
 *     "firstTokenMs": { "samples": 0, "p50": null },
 *     "tokens": { "input": 40, "output": 18, "total": 58, "cached": 0, "reasoning": 0 },
 *     "costUsd": 0.0000168, "unpriced": 0 },
 *   "targets": [{ "provider": "openai", "model": "gpt-4o-mini", "lastSeen": "2025-01-01T10:04:59.120Z", "calls": 3, "...": "as totals" }]
 * }
 * ```
 */
export interface StatsSnapshot {
  /** When counting started: the middleware's creation or its last `reset()` (ISO 8601). */
  readonly since: string;
  /** When this snapshot was taken (ISO 8601). */
  readonly takenAt: string;
  /** How many recent samples the percentiles are of, per target and for the totals. */
  readonly windowSize: number;
  /** How many targets are kept at most; the one idle longest goes first. */
  readonly maxTargets: number;
  /** Targets dropped to stay within `maxTargets` (their calls are still in `totals`). */
  readonly evictedTargets: number;
  /** Over every call since `since`, evicted targets' included. */
  readonly totals: StatsCounts;
  /** One entry per target, most calls first (then by provider and model). */
  readonly targets: readonly TargetStats[];
}
