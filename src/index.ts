/**
 * proxyless: an LLM gateway that lives inside your application.
 *
 * @module
 */
import { createClientWith, type Client } from "./core/client.js";
import type { ClientConfig } from "./core/config/client-config.js";
import { builtinProviders } from "./providers/index.js";

export * from "./core/index.js";
export { loadConfig } from "./config/load-config.js";
export { resolveConfig, type MiddlewareFactory, type ResolveConfigOptions } from "./core/config/resolve-config.js";
export * from "./middleware/cache/index.js";
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
  return createClientWith(config, builtinProviders);
}
