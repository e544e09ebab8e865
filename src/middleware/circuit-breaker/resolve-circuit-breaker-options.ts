import { didYouMean } from "../../core/errors/closest-name.js";
import { ConfigError } from "../../core/errors/config-error.js";
import type { CircuitBreakerOptions } from "./circuit-breaker-options.js";
import { isCircuitFailure } from "./is-circuit-failure.js";

/** {@link CircuitBreakerOptions} checked, with every default filled in. */
export interface ResolvedCircuitBreakerOptions {
  readonly name: string;
  readonly failureThreshold: number;
  /** `undefined`: the rate rule is off. */
  readonly failureRate: number | undefined;
  readonly minimumRequests: number;
  readonly windowMs: number;
  readonly cooldownMs: number;
  readonly halfOpenProbes: number;
  readonly perKey: boolean;
  readonly isFailure: (error: unknown) => boolean;
}

export const CIRCUIT_BREAKER_DEFAULTS = {
  name: "circuit-breaker",
  failureThreshold: 5,
  minimumRequests: 20,
  windowMs: 60_000,
  cooldownMs: 30_000,
  halfOpenProbes: 1,
  perKey: true,
} as const;

const KNOWN: readonly (keyof CircuitBreakerOptions)[] = [
  "failureThreshold",
  "failureRate",
  "minimumRequests",
  "windowMs",
  "cooldownMs",
  "halfOpenProbes",
  "perKey",
  "isFailure",
  "name",
];

/**
 * Checks the options as a config file could give them (anything at all) and fills in the
 * defaults, once, when the middleware is made: a typo fails at startup, never as a breaker that
 * silently never opens.
 *
 * @throws ConfigError naming the option and what it takes.
 */
export function resolveCircuitBreakerOptions(options: unknown = {}): ResolvedCircuitBreakerOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError(`circuitBreaker: options must be an object such as { failureThreshold: 5 }, got ${shown(options)}`);
  }
  const given = options as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new ConfigError(`circuitBreaker: unknown option "${key}"${didYouMean(key, KNOWN)}; the options are ${KNOWN.join(", ")}`, { path: key });
    }
  }
  const d = CIRCUIT_BREAKER_DEFAULTS;
  const failureThreshold = check(given, "failureThreshold", d.failureThreshold, (v) => isCount(v) || v === Number.POSITIVE_INFINITY, "a whole number ≥ 1, or Infinity to open on failureRate alone");
  const failureRate = given.failureRate === undefined ? undefined : check(given, "failureRate", 0, (v) => v > 0 && v <= 1, "a share above 0 and up to 1 (0.5: half the attempts)");
  if (failureThreshold === Number.POSITIVE_INFINITY && failureRate === undefined) {
    throw new ConfigError("circuitBreaker: with failureThreshold Infinity and no failureRate the circuit would never open; set a finite failureThreshold or a failureRate", {
      path: "failureThreshold",
    });
  }
  const isFailure = given.isFailure ?? isCircuitFailure;
  if (typeof isFailure !== "function") throw new ConfigError(`circuitBreaker: isFailure must be a function, got ${shown(isFailure)}`, { path: "isFailure" });
  const perKey = given.perKey ?? d.perKey;
  if (typeof perKey !== "boolean") throw new ConfigError(`circuitBreaker: perKey must be true or false, got ${shown(perKey)}`, { path: "perKey" });
  const name = given.name ?? d.name;
  if (typeof name !== "string" || name === "") throw new ConfigError(`circuitBreaker: name must be a non-empty string, got ${shown(name)}`, { path: "name" });
  return {
    name,
    failureThreshold,
    failureRate,
    minimumRequests: check(given, "minimumRequests", d.minimumRequests, isCount, "a whole number ≥ 1"),
    windowMs: check(given, "windowMs", d.windowMs, isDuration, "a positive, finite number of milliseconds"),
    cooldownMs: check(given, "cooldownMs", d.cooldownMs, isDuration, "a positive, finite number of milliseconds"),
    halfOpenProbes: check(given, "halfOpenProbes", d.halfOpenProbes, isCount, "a whole number ≥ 1"),
    perKey,
    isFailure: isFailure as (error: unknown) => boolean,
  };
}

/** The number given for `option` (or its default) when `valid` accepts it. */
function check(given: Readonly<Record<string, unknown>>, option: string, fallback: number, valid: (value: number) => boolean, takes: string): number {
  const value = given[option] ?? fallback;
  if (typeof value === "number" && valid(value)) return value;
  throw new ConfigError(`circuitBreaker: ${option} must be ${takes}, got ${shown(value)}`, { path: option });
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

function isDuration(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/** A bad value as a message shows it; JSON has no NaN or Infinity, so numbers are written as they are. */
function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return `${value}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
