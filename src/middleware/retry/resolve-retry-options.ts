import { didYouMean } from "../../core/errors/closest-name.js";
import { ConfigError } from "../../core/errors/config-error.js";
import type { RetryOptions } from "./retry-options.js";

/** {@link RetryOptions} with every default filled in, checked. */
export interface ResolvedRetryOptions {
  readonly name: string;
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly jitter: number;
  readonly maxElapsedMs: number;
  readonly shouldRetry: RetryOptions["shouldRetry"];
  readonly onRetry: RetryOptions["onRetry"];
}

/** The SDKs' own policy: 0.5 s · 2^n, capped at 8 s, up to 25 % taken off, 2 retries. */
export const RETRY_DEFAULTS = {
  retries: 2,
  minDelayMs: 500,
  maxDelayMs: 8_000,
  factor: 2,
  jitter: 0.25,
  maxElapsedMs: Number.POSITIVE_INFINITY,
} as const;

const KNOWN: Readonly<Record<keyof RetryOptions, true>> = {
  retries: true,
  minDelayMs: true,
  maxDelayMs: true,
  factor: true,
  jitter: true,
  maxElapsedMs: true,
  shouldRetry: true,
  onRetry: true,
  name: true,
};

/** Names people reach for that mean one of ours: the SDKs' own, and the middleware's name. */
const MEANT: Readonly<Record<string, string>> = { retry: "retries", maxretries: "retries", attempts: "retries", maxattempts: "retries" };

/**
 * Checks the options and fills in the defaults. Done once, when the middleware is made, so that a
 * typo fails at startup rather than on the first provider error.
 *
 * @throws ConfigError naming the option and what would fix it.
 */
export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  if (options === undefined) return { name: "retry", ...RETRY_DEFAULTS, shouldRetry: undefined, onRetry: undefined };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError(`retry: options must be an object, got ${shown(options)}`, { path: "retry" });
  }
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(KNOWN, key)) {
      throw new ConfigError(`retry: unknown option "${key}"${didYouMean(key, Object.keys(KNOWN), MEANT)}; the options are ${Object.keys(KNOWN).join(", ")}`, { path: key });
    }
  }
  const name = options.name ?? "retry";
  if (typeof name !== "string" || name === "") throw new ConfigError(`retry: name must be a non-empty string, got ${shown(name)}`, { path: "name" });

  const retries = options.retries ?? RETRY_DEFAULTS.retries;
  if (typeof retries !== "number" || !(Number.isInteger(retries) || retries === Number.POSITIVE_INFINITY) || retries < 0) {
    throw new ConfigError(`retry: retries must be a whole number ≥ 0 (0 turns retrying off), got ${shown(retries)}`, { path: "retries" });
  }
  const minDelayMs = milliseconds(options.minDelayMs ?? RETRY_DEFAULTS.minDelayMs, "minDelayMs");
  const maxDelayMs = milliseconds(options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs, "maxDelayMs");
  if (minDelayMs > maxDelayMs) {
    throw new ConfigError(`retry: minDelayMs (${minDelayMs}) must not exceed maxDelayMs (${maxDelayMs}); raise maxDelayMs or lower minDelayMs`, { path: "minDelayMs" });
  }
  const factor = options.factor ?? RETRY_DEFAULTS.factor;
  if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 1) {
    throw new ConfigError(`retry: factor must be a finite number ≥ 1 (1 waits minDelayMs every time), got ${shown(factor)}`, { path: "factor" });
  }
  const jitter = options.jitter ?? RETRY_DEFAULTS.jitter;
  if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 1)) {
    throw new ConfigError(`retry: jitter must be a fraction from 0 (none) to 1 (full), got ${shown(jitter)}`, { path: "jitter" });
  }
  const maxElapsedMs = options.maxElapsedMs ?? RETRY_DEFAULTS.maxElapsedMs;
  if (typeof maxElapsedMs !== "number" || Number.isNaN(maxElapsedMs) || maxElapsedMs <= 0) {
    throw new ConfigError(`retry: maxElapsedMs must be a positive number of milliseconds or Infinity, got ${shown(maxElapsedMs)}`, { path: "maxElapsedMs" });
  }
  // Without either bound a provider that keeps failing would be retried for ever.
  if (retries === Number.POSITIVE_INFINITY && maxElapsedMs === Number.POSITIVE_INFINITY) {
    throw new ConfigError("retry: retries: Infinity needs a finite maxElapsedMs to end the run; set maxElapsedMs or a finite retries", { path: "retries" });
  }
  return {
    name,
    retries,
    minDelayMs,
    maxDelayMs,
    factor,
    jitter,
    maxElapsedMs,
    shouldRetry: hook(options.shouldRetry, "shouldRetry"),
    onRetry: hook(options.onRetry, "onRetry"),
  };
}

function milliseconds(value: unknown, option: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  throw new ConfigError(`retry: ${option} must be a finite number of milliseconds ≥ 0, got ${shown(value)}`, { path: option });
}

function hook<T>(value: T | undefined, option: string): T | undefined {
  if (value === undefined || typeof value === "function") return value;
  throw new ConfigError(`retry: ${option} must be a function, got ${shown(value)}`, { path: option });
}

/** A bad value as the message shows it; JSON has no NaN or Infinity, so numbers are written as they are. */
function shown(value: unknown): string {
  if (typeof value === "number") return `${value}`;
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
