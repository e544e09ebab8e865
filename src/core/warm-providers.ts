import { didYouMean } from "./errors/closest-name.js";
import { ConfigError } from "./errors/config-error.js";
import { redactSecrets } from "./errors/scrub-secrets.js";
import type { WarmupReport } from "./types/http-transport.js";
import type { ProviderAdapter } from "./types/provider-adapter.js";

/** Options of `llm.warmup()`. */
export interface WarmupOptions {
  /**
   * The providers to warm, by name (one whose adapter cannot warm is reported with `ok: false`).
   * @default every configured provider whose adapter can warm, and each built-in one whose key is in the environment
   */
  readonly providers?: readonly string[];
  /**
   * Connections to open to each: as many as the calls you expect at once right after (each HTTP/1.1
   * call in flight holds one).
   * @default 1
   */
  readonly connections?: number;
}

/** What warming needs of the client's providers. */
export interface WarmupSource {
  inUse(): string[];
  names(): string[];
  adapter(name: string): ProviderAdapter;
  secrets(): readonly string[];
}

const MAX_CONNECTIONS = 1024;

/**
 * Opens connections to providers, all at once, each through the `fetch` its SDK uses. Bad options
 * reject with a `ConfigError`; a provider that cannot be reached is reported, never thrown.
 */
export async function warmProviders(source: WarmupSource, options: WarmupOptions = {}): Promise<WarmupReport[]> {
  const connections = options.connections ?? 1;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new ConfigError(`warmup: connections must be a whole number from 1 to ${MAX_CONNECTIONS}, got ${String(connections)}`, { path: "connections" });
  }
  const given: unknown = options.providers;
  if (given !== undefined && (!Array.isArray(given) || (given as unknown[]).some((p) => typeof p !== "string"))) {
    throw new ConfigError(`warmup: providers must be a list of provider names, like ["openai"]`, { path: "providers" });
  }
  // By default only those that can: a custom adapter without warmup() is left out, not failed.
  const names = options.providers ?? source.inUse().filter((name) => source.adapter(name).warmup !== undefined);
  const known = source.names();
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new ConfigError(`warmup: no provider named "${unknown}"${didYouMean(unknown, known)}`, { path: "providers", provider: unknown });
  return Promise.all(names.map((name) => warmOne(name, source.adapter(name), connections, source)));
}

async function warmOne(provider: string, adapter: ProviderAdapter, connections: number, source: WarmupSource): Promise<WarmupReport> {
  const started = performance.now();
  if (!adapter.warmup) return { provider, ok: false, ms: 0, error: "its adapter cannot warm up connections" };
  try {
    const origin = await adapter.warmup(connections);
    return { provider, origin, ok: true, ms: performance.now() - started };
  } catch (error) {
    return { provider, ok: false, ms: performance.now() - started, error: redactSecrets(describe(error), source.secrets()) };
  }
}

/** "fetch failed (ECONNREFUSED)": the message and the first code down its causes. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return `${message} (${code})`;
  }
  return message;
}
