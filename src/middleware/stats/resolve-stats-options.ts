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

/**
 * The options object of middleware `middleware`, checked to be one and to name only `known` keys.
 *
 * @throws ConfigError for a value that is not an object, or a key it does not know.
 */
export function knownOptions(middleware: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError(`${middleware}: options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ConfigError(`${middleware}: unknown option "${key}"; the options are ${known.join(", ")}`, { path: key });
  }
  return options as Readonly<Record<string, unknown>>;
}

/** A bad value as a message shows it, without echoing a long or secret string. */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return `${value}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
