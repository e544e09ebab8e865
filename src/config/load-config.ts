import type { ClientConfig } from "../core/config/client-config.js";
import { resolveConfig, type ResolveConfigOptions } from "../core/config/resolve-config.js";
import { checkClientConfig } from "../core/config/check-client-config.js";
import { ConfigError } from "../core/errors/config-error.js";
import { builtinMiddleware } from "./builtin-middleware.js";

/**
 * Reads a JSON config file, so providers, keys, aliases and middleware change without code
 * changes. Secrets stay out of the file: write `"env:NAME"` and the variable is read. Middleware is
 * named from `builtinMiddleware` (`cache`, `rateLimit`, `retry`, `timeout`) unless `options.middleware`
 * gives a registry of its own.
 *
 * @throws ConfigError naming the file and what is wrong in it.
 * @example
 * ```ts
 * // proxyless.json: { "providers": { "groq": { "type": "openai-compatible",
 * //   "baseURL": "https://api.groq.com/openai/v1", "apiKey": "env:GROQ_API_KEY" } },
 * //   "models": { "fast": "groq/llama-3.1-8b-instant" } }
 * const llm = createClient(await loadConfig("proxyless.json"));
 * ```
 */
export async function loadConfig(path: string, options: ResolveConfigOptions = {}): Promise<ClientConfig> {
  let text: string;
  try {
    // Imported on use: the main entry point must load on runtimes without node:fs (edge).
    const { readFile } = await import("node:fs/promises");
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    const config = resolveConfig(json, { ...options, middleware: options.middleware ?? builtinMiddleware });
    // Checked here, where the file's name is known, rather than later by createClient.
    checkClientConfig(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new ConfigError(`${path}: ${error.message}`, { cause: error, ...(error.path ? { path: error.path } : {}) });
    }
    throw error;
  }
}
