import { didYouMean } from "../errors/closest-name.js";
import { ConfigError } from "../errors/config-error.js";

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
    if (!known.includes(key)) throw new ConfigError(`${middleware}: unknown option "${key}"${didYouMean(key, known)}; the options are ${known.join(", ")}`, { path: key });
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
