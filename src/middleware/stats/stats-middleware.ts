/**
 * Counts per target (provider and model), kept in memory: calls, attempts, errors by class,
 * retries, fallbacks, cache hits, latency percentiles and tokens, without a metrics backend.
 *
 * @module
 */
import type { Middleware } from "../../core/types/middleware.js";
import { observeCall } from "./observe-call.js";
import { resolveStatsOptions } from "./resolve-stats-options.js";
import { StatsBoard } from "./stats-board.js";
import type { StatsOptions } from "./stats-options.js";
import type { StatsSnapshot } from "./stats-snapshot.js";

/** The stats middleware, with what it has counted. */
export interface StatsMiddleware extends Middleware {
  /** The counts so far, as plain JSON-serialisable data (see {@link StatsSnapshot}). */
  snapshot(): StatsSnapshot;
  /** Forgets every count and target; `since` becomes now. */
  reset(): void;
}

/**
 * Watches every call, request scope, and keeps per target (provider and model) and in total: the
 * calls that ended there, their attempts, the errors of failed attempts and of failed calls by
 * class, retries, fallbacks, cache hits and hit rate, latency p50/p95/p99 and a stream's time to
 * first token p50 (of the last `windowSize` calls), and tokens.
 *
 * Put it first in `middleware`, before `cache()`, so that it sees cache hits (a cache answers
 * without calling what comes after it). Its memory is bounded: at most `maxTargets` targets
 * (the one idle longest goes first) and `windowSize` samples per percentile. A call costs a few map
 * updates when it ends; a stream's events pass through with one check each (for `finish`).
 *
 * @throws ConfigError for an unknown option or one out of range.
 * @example
 * ```ts
 * import { createClient, formatStats, stats } from "proxyless";
 *
 * const counts = stats();
 * const llm = createClient({ middleware: [counts] });
 * await llm.chat({ model: "openai/gpt-4o-mini", messages });
 * console.log(formatStats(counts.snapshot()));
 * ```
 */
export function stats(options?: StatsOptions): StatsMiddleware {
  const resolved = resolveStatsOptions(options);
  const board = new StatsBoard(resolved);
  return {
    name: resolved.name,
    scope: "request",
    ...observeCall((end) => board.record(end)),
    snapshot: () => board.snapshot(),
    reset: () => board.reset(),
  };
}
