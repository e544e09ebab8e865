import { ConfigError } from "../../core/errors/config-error.js";
import { describeValue, knownOptions } from "../../core/config/known-options.js";

/**
 * The options object of the built-in check `check`, checked to be one (or absent) and to name
 * only `known` keys, so that a typo fails when the middleware is made.
 *
 * @throws ConfigError naming the check and the option.
 */
export function checkOptions(check: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  return options === undefined ? {} : knownOptions(`guardrails: ${check}`, options, known);
}

/** The `name` option of a check: a non-empty string, else its default. */
export function checkName(check: string, value: unknown): string {
  if (value === undefined) return check;
  if (typeof value === "string" && value !== "") return value;
  throw new ConfigError(`guardrails: ${check}: name must be a non-empty string, or left out for "${check}"; got ${describeValue(value)}`, { path: "name" });
}

/** A positive whole number option, or `undefined` when left out. */
export function positiveCount(check: string, option: string, value: unknown, unit: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  throw new ConfigError(`guardrails: ${check}: ${option} must be a whole number of ${unit} ≥ 1, or left out; got ${describeValue(value)}`, { path: option });
}
