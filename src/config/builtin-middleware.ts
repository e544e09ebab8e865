import type { MiddlewareFactory } from "../core/config/resolve-config.js";
import { budget, type BudgetOptions } from "../middleware/budget/index.js";
import { cache } from "../middleware/cache/index.js";
import { circuitBreaker } from "../middleware/circuit-breaker/index.js";
import { logging } from "../middleware/logging/index.js";
import { rateLimit, type RateLimitOptions } from "../middleware/rate-limit/index.js";
import { retry } from "../middleware/retry/index.js";
import { stats } from "../middleware/stats/index.js";
import { timeout } from "../middleware/timeout/index.js";
import { tracing } from "../middleware/tracing/index.js";

/**
 * The middleware a config file may name without code: `"retry"`, `{ "name": "rateLimit",
 * "options": { "rules": { "openai/*": { "rpm": 500 } }, "redis": { "url": "env:REDIS_URL" } } }`,
 * `"timeout"` with its limits, `"cache"` (in memory), `"circuitBreaker"` (every option but
 * `isFailure`), `"budget"` (`{ "limitUsd": 50, "windowMs": 86400000, "scope": { "metadata": "tenant" } }`,
 * its Redis by `url`), `"tracing"` (on the global tracer and meter providers), `"stats"`, `"logging"`
 * (every option but `logger`: it writes JSON lines to stdout and stderr, see `jsonLogger`). Each
 * checks its options as its factory does, so a typo is a `ConfigError` naming it. `loadConfig`
 * uses these unless given a registry of its own (spread this one into it to keep them).
 */
export const builtinMiddleware: Readonly<Record<string, MiddlewareFactory>> = {
  budget: (options) => budget(options as unknown as BudgetOptions),
  cache: (options) => cache(options),
  circuitBreaker: (options) => circuitBreaker(options),
  logging: (options) => logging(options),
  rateLimit: (options) => rateLimit(options as unknown as RateLimitOptions),
  retry: (options) => retry(options),
  stats: (options) => stats(options),
  timeout: (options) => timeout(options),
  tracing: (options) => tracing(options),
};
