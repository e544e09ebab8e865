import { ConfigError } from "../errors/config-error.js";
import type { ProviderAdapter, ProviderFactory } from "../types/provider-adapter.js";
import type { Target } from "../types/target.js";
import type { ProviderConfig } from "../config/client-config.js";

interface ProviderEntry {
  readonly name: string;
  readonly factory: ProviderFactory | undefined;
  readonly adapter: ProviderAdapter;
  readonly keys: readonly string[];
  /** Round-robin position over `keys`. */
  cursor: number;
}

/** Reads the environment where there is one (Node, Bun, Deno's process shim); edge runtimes have none. */
function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value === "" ? undefined : value;
}

/**
 * The providers a client can call: every configured one, plus each built-in type under its own
 * name (`openai`, `anthropic`, `google`) with its key from the environment. Keys live only here.
 */
export class ProviderRegistry {
  readonly #entries = new Map<string, ProviderEntry>();
  #secrets: readonly string[] | undefined;

  constructor(providers: Readonly<Record<string, ProviderConfig>>, factories: readonly ProviderFactory[]) {
    const byType = new Map(factories.map((f) => [f.type, f]));
    for (const [name, config] of Object.entries(providers)) {
      this.#entries.set(name, this.#entry(name, config, byType));
    }
    for (const factory of factories) {
      const name = factory.defaultName;
      if (name !== undefined && !this.#entries.has(name)) this.#entries.set(name, this.#entry(name, { type: factory.type }, byType));
    }
  }

  #entry(name: string, config: ProviderConfig, byType: ReadonlyMap<string, ProviderFactory>): ProviderEntry {
    const path = `providers.${name}`;
    const keys = config.apiKey === undefined ? [] : typeof config.apiKey === "string" ? [config.apiKey] : [...config.apiKey];
    if (config.adapter) return { name, factory: undefined, adapter: config.adapter, keys, cursor: 0 };
    const type = config.type ?? [...byType.values()].find((f) => f.defaultName === name)?.type;
    const types = [...byType.keys()].join(", ");
    if (type === undefined) {
      throw new ConfigError(`${path}.type is required for a provider not named after a type (one of: ${types})`, { path: `${path}.type` });
    }
    const factory = byType.get(type);
    if (!factory) throw new ConfigError(`${path}.type: unknown provider type "${type}" (one of: ${types})`, { path: `${path}.type` });
    if (keys.length === 0) {
      const fromEnv = factory.envKeys.map(readEnv).find((v) => v !== undefined);
      if (fromEnv !== undefined) keys.push(fromEnv);
    }
    const adapter = factory.create({
      name,
      type,
      ...(config.baseURL !== undefined ? { baseURL: config.baseURL } : {}),
      ...(config.headers !== undefined ? { headers: config.headers } : {}),
      ...(config.clientOptions !== undefined ? { clientOptions: config.clientOptions } : {}),
    });
    return { name, factory, adapter, keys, cursor: 0 };
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  adapter(name: string): ProviderAdapter {
    const entry = this.#entries.get(name);
    if (!entry) throw new ConfigError(`No provider named "${name}"`, { path: `providers.${name}` });
    return entry.adapter;
  }

  /**
   * Picks the key for the next attempt on a provider (round robin over a key list).
   *
   * @throws ConfigError naming the environment variable to set when the provider has no key.
   */
  nextKeyIndex(name: string): number {
    const entry = this.#entries.get(name);
    if (!entry) throw new ConfigError(`No provider named "${name}"`, { path: `providers.${name}` });
    if (entry.keys.length === 0) {
      if (entry.factory?.requiresApiKey === false || !entry.factory) return -1;
      const vars = entry.factory.envKeys.join(" or ");
      throw new ConfigError(
        `No API key for provider "${name}": set ${vars ? `${vars} in the environment, or ` : ""}providers.${name}.apiKey`,
        { path: `providers.${name}.apiKey`, provider: name },
      );
    }
    const index = entry.cursor % entry.keys.length;
    entry.cursor = index + 1;
    return index;
  }

  apiKey(target: Target): string | undefined {
    return this.#entries.get(target.provider)?.keys[target.keyIndex];
  }

  /** Every key of every provider: what must never appear in an error. */
  secrets(): readonly string[] {
    return (this.#secrets ??= [...new Set([...this.#entries.values()].flatMap((entry) => entry.keys))]);
  }
}
