export { stats, type StatsMiddleware } from "./stats-middleware.js";
export type { StatsOptions } from "./stats-options.js";
export type { FirstTokenSummary, LatencySummary, StatsCounts, StatsSnapshot, TargetStats, TokenTotals } from "./stats-snapshot.js";
export { formatStats } from "./format-stats.js";
