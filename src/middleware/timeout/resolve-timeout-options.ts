import { closestName } from "../../core/errors/closest-name.js";
import { ConfigError } from "../../core/errors/config-error.js";
import type { TimeoutLimit } from "./timeout-options.js";

/** Options checked, with their defaults filled in. */
export interface ResolvedTimeoutOptions {
  readonly name: string;
  readonly totalMs?: number;
  readonly firstTokenMs?: number;
  readonly idleMs?: number;
}

const LIMITS: readonly TimeoutLimit[] = ["totalMs", "firstTokenMs", "idleMs"];
const KNOWN: readonly string[] = [...LIMITS, "name"];

/** Names people reach for that mean one of ours: pointed to even though no edit brings them close. */
const MEANT: Readonly<Record<string, string>> = {
  timeoutms: "totalMs",
  ms: "totalMs",
  firstbytems: "firstTokenMs",
  ttfbms: "firstTokenMs",
  ttftms: "firstTokenMs",
  stallms: "idleMs",
  inactivityms: "idleMs",
};

/**
 * Checks the options of `timeout()` as a config file could give them (anything at all), so that a
 * mistake fails when the client is built, never as a limit that silently does not apply.
 *
 * @throws ConfigError naming the option and what to write instead.
 */
export function resolveTimeoutOptions(options: unknown): ResolvedTimeoutOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError(`timeout: options must be an object such as { totalMs: 30_000 }, got ${describe(options)}`);
  }
  const given = options as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (KNOWN.includes(key)) continue;
    const suggestion = closestName(key, KNOWN, MEANT);
    const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
    throw new ConfigError(`timeout: unknown option "${key}" (${hint}the options are ${KNOWN.join(", ")})`, { path: key });
  }
  const resolved: { -readonly [K in keyof ResolvedTimeoutOptions]: ResolvedTimeoutOptions[K] } = { name: nameOf(given.name) };
  for (const limit of LIMITS) {
    const value = given[limit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new ConfigError(`timeout: ${limit} must be a positive, finite number of milliseconds (such as 30_000), or left out; got ${describe(value)}`, {
        path: limit,
      });
    }
    resolved[limit] = value;
  }
  if (LIMITS.every((limit) => resolved[limit] === undefined)) {
    throw new ConfigError("timeout: set at least one of totalMs, firstTokenMs and idleMs (milliseconds), such as timeout({ totalMs: 30_000 })");
  }
  return resolved;
}

function nameOf(value: unknown): string {
  if (value === undefined) return "timeout";
  if (typeof value === "string" && value !== "") return value;
  throw new ConfigError(`timeout: name must be a non-empty string, or left out for "timeout"; got ${describe(value)}`, { path: "name" });
}

/** A value as an error message shows it: strings quoted, objects by their kind only. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return `${value}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}
