/**
 * proxyless: an LLM gateway that lives inside your application.
 *
 * @module
 */
import { createClientWith, type Client } from "./core/client.js";
import type { ClientConfig } from "./core/config/client-config.js";
import type { Middleware } from "./core/types/middleware.js";
import { isRetryMiddleware, retry } from "./middleware/retry/index.js";
import { builtinProviders } from "./providers/index.js";
import { createUndiciTransport } from "./transport/undici-transport.js";

export * from "./core/index.js";
export { loadConfig } from "./config/load-config.js";
export { builtinMiddleware } from "./config/builtin-middleware.js";
export { resolveConfig, type MiddlewareFactory, type ResolveConfigOptions } from "./core/config/resolve-config.js";
export * from "./middleware/budget/index.js";
export * from "./middleware/cache/index.js";
export * from "./middleware/circuit-breaker/index.js";
export * from "./middleware/guardrails/index.js";
export * from "./middleware/logging/index.js";
export * from "./middleware/rate-limit/index.js";
export * from "./middleware/retry/index.js";
export * from "./middleware/stats/index.js";
export * from "./middleware/timeout/index.js";
export * from "./middleware/tracing/index.js";
export type { CacheStore } from "./stores/cache-store.js";
export { memoryStore, type MemoryStore, type MemoryStoreOptions } from "./stores/memory/memory-store.js";

/**
 * Creates the unified client over OpenAI, Anthropic, Google Gemini and OpenAI-compatible servers.
 *
 * @throws ConfigError naming the offending setting.
 * @example
 * ```ts
 * import { createClient } from "proxyless";
 *
 * const llm = createClient(); // keys from OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY / GEMINI_API_KEY
 * const res = await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function createClient(config: ClientConfig = {}): Client {
  return createClientWith(withDefaultRetry(config), builtinProviders, createUndiciTransport);
}

/**
 * The SDKs retry twice by default; proxyless turns their retries off (so that they never stack on
 * its own), so a client without a `retry()` gets one, first among the attempt-scope middleware,
 * unless `retry: false`.
 */
function withDefaultRetry(config: ClientConfig): ClientConfig {
  // A list that is not one is createClient's to report.
  if (config.retry === false || (config.middleware !== undefined && !Array.isArray(config.middleware))) return config;
  const middleware: readonly Middleware[] = config.middleware ?? [];
  // Entries that are not middleware are createClient's to report too, as a ConfigError.
  if (middleware.some((m) => typeof m !== "object" || m === null)) return config;
  if (middleware.some((m) => isRetryMiddleware(m))) return config;
  const firstAttempt = middleware.findIndex((m) => m.scope === "attempt");
  const at = firstAttempt === -1 ? middleware.length : firstAttempt;
  return { ...config, middleware: [...middleware.slice(0, at), retry(), ...middleware.slice(at)] };
}
