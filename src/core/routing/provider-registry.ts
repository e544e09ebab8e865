import type { PriceProviderRef } from "../cost/price-data.js";
import { ConfigError } from "../errors/config-error.js";
import type { ProviderAdapter, ProviderFactory, ProviderSettings } from "../types/provider-adapter.js";
import type { Target } from "../types/target.js";
import type { ClientConfig, KeySource, ProviderConfig } from "../config/client-config.js";
import { KeyPool, type KeyDisabled } from "./key-pool.js";
import type { TransportSet } from "./transport-set.js";

interface ProviderEntry {
  readonly name: string;
  readonly factory: ProviderFactory | undefined;
  readonly adapter: ProviderAdapter;
  readonly keys: KeyPool;
  /** Where its prices are in the price data, if anywhere. */
  readonly priceRef: PriceProviderRef | undefined;
  /** Named in `providers`, not only a built-in type's default entry. */
  readonly configured: boolean;
}

/** How long a key function's keys are used before it is asked again. */
const DEFAULT_KEY_TTL_MS = 300_000;

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

  readonly #transports: TransportSet;
  readonly #shared: Pick<ClientConfig, "fetch" | "transport">;

  constructor(providers: Readonly<Record<string, ProviderConfig>>, factories: readonly ProviderFactory[], transports: TransportSet, shared: Pick<ClientConfig, "fetch" | "transport"> = {}) {
    this.#transports = transports;
    this.#shared = shared;
    const byType = new Map(factories.map((f) => [f.type, f]));
    for (const [name, config] of Object.entries(providers)) {
      this.#entries.set(name, { ...this.#entry(name, config, byType), configured: true });
    }
    for (const factory of factories) {
      const name = factory.defaultName;
      if (name !== undefined && !this.#entries.has(name)) this.#entries.set(name, { ...this.#entry(name, { type: factory.type }, byType), configured: false });
    }
  }

  #entry(name: string, config: ProviderConfig, byType: ReadonlyMap<string, ProviderFactory>): Omit<ProviderEntry, "configured"> {
    const path = `providers.${name}`;
    const given = config.apiKey;
    const keys: string[] | KeySource = given === undefined ? [] : typeof given === "string" ? [given] : typeof given === "function" ? given : [...given];
    const pool = (from: readonly string[] | KeySource): KeyPool =>
      new KeyPool({ provider: name, keys: from, rotation: config.keyRotation ?? "round-robin", ttlMs: config.keyTtlMs ?? DEFAULT_KEY_TTL_MS });
    const own = config.priceProvider !== undefined ? { providerId: config.priceProvider } : undefined;
    if (config.adapter) return { name, factory: undefined, adapter: config.adapter, keys: pool(keys), priceRef: own };
    const type = config.type ?? [...byType.values()].find((f) => f.defaultName === name)?.type;
    const types = [...byType.keys()].join(", ");
    if (type === undefined) {
      throw new ConfigError(`${path}.type is required for a provider not named after a type (one of: ${types})`, { path: `${path}.type` });
    }
    const factory = byType.get(type);
    if (!factory) throw new ConfigError(`${path}.type: unknown provider type "${type}" (one of: ${types})`, { path: `${path}.type` });
    if (Array.isArray(keys) && keys.length === 0) {
      const fromEnv = factory.envKeys.map(readEnv).find((v) => v !== undefined);
      if (fromEnv !== undefined) keys.push(fromEnv);
    }
    const adapter = factory.create({
      name,
      type,
      ...(config.baseURL !== undefined ? { baseURL: config.baseURL } : {}),
      ...(config.headers !== undefined ? { headers: config.headers } : {}),
      ...(config.clientOptions !== undefined ? { clientOptions: config.clientOptions } : {}),
      ...(config.sdk !== undefined ? { sdk: config.sdk } : {}),
      ...this.#http(config),
    });
    const priceRef = own ?? (factory.priceProvider !== undefined ? { providerId: factory.priceProvider } : config.baseURL !== undefined ? { apiUrl: config.baseURL } : undefined);
    return { name, factory, adapter, keys: pool(keys), priceRef };
  }

  /**
   * The user's `fetch` for a provider, else the transport it is to use, if any. A provider's own
   * setting wins over the client's: its `fetch`, then its `transport` (`false` included), then the
   * client's `fetch`, then the client's `transport`.
   */
  #http(config: ProviderConfig): Pick<ProviderSettings, "fetch" | "transport"> {
    const fetch = config.fetch ?? (config.transport === undefined ? this.#shared.fetch : undefined);
    if (fetch) return { fetch };
    const transport = this.#transports.for(this.#shared.transport, config.transport);
    return transport ? { transport } : {};
  }

  /** Where a provider's prices are in the price data; `undefined` for an unknown provider or one the data cannot find. */
  priceRef(name: string): PriceProviderRef | undefined {
    return this.#entries.get(name)?.priceRef;
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  /** The providers a client would call: those configured, and the built-in ones with a key in the environment. */
  inUse(): string[] {
    return [...this.#entries.values()].filter((e) => e.configured || !e.keys.empty).map((e) => e.name);
  }

  adapter(name: string): ProviderAdapter {
    const entry = this.#entries.get(name);
    if (!entry) throw new ConfigError(`No provider named "${name}"`, { path: `providers.${name}` });
    return entry.adapter;
  }

  /**
   * Picks the key for the next attempt on a provider (as its pool's rotation says).
   *
   * @throws ConfigError naming the environment variable to set when the provider has no key;
   *   AuthenticationError when every key of its pool was rejected.
   */
  nextKeyIndex(name: string): number {
    const entry = this.#get(name);
    if (entry.keys.empty) {
      if (entry.factory?.requiresApiKey === false || !entry.factory) return -1;
      const vars = entry.factory.envKeys.join(" or ");
      throw new ConfigError(
        `No API key for provider "${name}": set ${vars ? `${vars} in the environment, or ` : ""}providers.${name}.apiKey`,
        { path: `providers.${name}.apiKey`, provider: name },
      );
    }
    return entry.keys.next();
  }

  /** The key of a target: at once, or once a key function has given it. */
  apiKey(target: Target): string | undefined | Promise<string | undefined> {
    if (target.keyIndex < 0) return undefined;
    return this.#entries.get(target.provider)?.keys.key(target.keyIndex);
  }

  /** An attempt on a target's key starts; the returned function ends it. */
  beginKey(target: Target): () => void {
    return this.#entries.get(target.provider)?.keys.begin(target.keyIndex) ?? noop;
  }

  /** What an attempt on a target's key ended with; tells `onDisabled` when that disabled the key. */
  reportKey(target: Target, error: unknown, key: string | undefined, onDisabled: (provider: string, disabled: KeyDisabled) => void): void {
    const disabled = this.#entries.get(target.provider)?.keys.report(target.keyIndex, error, key);
    if (disabled) onDisabled(target.provider, disabled);
  }

  /** Whether the provider's keys are a pool (several, or a key function): a rejected one can give way to another. */
  isPool(name: string): boolean {
    return this.#entries.get(name)?.keys.pool ?? false;
  }

  /** Whether a key of the provider other than `besides` could serve now. */
  keyReady(name: string, besides: number): boolean {
    return this.#entries.get(name)?.keys.ready(besides) ?? false;
  }

  /** Whether the provider has another key to try after one was rejected. */
  spareKey(name: string): boolean {
    return this.#entries.get(name)?.keys.spare() ?? false;
  }

  /** Every key of every provider, and every key a key function gave: what must never appear in an error. */
  secrets(): readonly string[] {
    const all: string[] = [];
    for (const entry of this.#entries.values()) all.push(...entry.keys.secrets());
    return all;
  }

  #get(name: string): ProviderEntry {
    const entry = this.#entries.get(name);
    if (!entry) throw new ConfigError(`No provider named "${name}"`, { path: `providers.${name}` });
    return entry;
  }
}

function noop(): void {}
