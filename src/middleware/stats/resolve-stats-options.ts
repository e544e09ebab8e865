import { describeValue, knownOptions } from "../../core/config/known-options.js";
import { ConfigError } from "../../core/errors/config-error.js";

/** `StatsOptions` checked, with every default filled in. */
export interface ResolvedStatsOptions {
  readonly name: string;
  readonly maxTargets: number;
  readonly windowSize: number;
}

export const STATS_DEFAULTS: ResolvedStatsOptions = { name: "stats", maxTargets: 256, windowSize: 1024 };

/**
 * Checks the options as a config file could give them (anything at all) and fills in the
 * defaults, once, when the middleware is made.
 *
 * @throws ConfigError naming the option and what it takes.
 */
export function resolveStatsOptions(options: unknown = {}): ResolvedStatsOptions {
  const given = knownOptions("stats", options, Object.keys(STATS_DEFAULTS));
  const count = (option: "maxTargets" | "windowSize"): number => {
    const value = given[option] ?? STATS_DEFAULTS[option];
    if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
    throw new ConfigError(`stats: ${option} must be a whole number ≥ 1, got ${describeValue(value)}`, { path: option });
  };
  const name = given.name ?? STATS_DEFAULTS.name;
  if (typeof name !== "string" || name === "") throw new ConfigError(`stats: name must be a non-empty string, got ${describeValue(name)}`, { path: "name" });
  return { name, maxTargets: count("maxTargets"), windowSize: count("windowSize") };
}
