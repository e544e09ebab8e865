import { ConfigError } from "../errors/config-error.js";
import type { Middleware } from "../types/middleware.js";
import type { ClientConfig } from "./client-config.js";

/** Builds a middleware from the `options` object of a config file entry. */
export type MiddlewareFactory = (options: Readonly<Record<string, unknown>>) => Middleware;

export interface ResolveConfigOptions {
  /** Where `"env:NAME"` values are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Middleware the file may name, by name. */
  readonly middleware?: Readonly<Record<string, MiddlewareFactory>>;
}

const ENV_PREFIX = "env:";

/**
 * Turns the JSON form of a config (a file's contents) into a `ClientConfig`: every `"env:NAME"`
 * string becomes that variable's value, and middleware given by name (`"cache"` or
 * `{ "name": "retry", "options": {…} }`) is built from the registry. The result is validated again
 * by `createClient`.
 *
 * @throws ConfigError naming the path of a missing variable or an unknown middleware.
 */
export function resolveConfig(json: unknown, options: ResolveConfigOptions = {}): ClientConfig {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ConfigError("A config must be a JSON object");
  const env = options.env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const { $schema: _schema, middleware, ...rest } = json as Record<string, unknown>;
  const resolved = resolveEnv(rest, "", env) as Record<string, unknown>;
  if (middleware === undefined) return resolved;
  if (!Array.isArray(middleware)) throw new ConfigError("middleware must be a list", { path: "middleware" });
  const registry = options.middleware ?? {};
  return { ...resolved, middleware: middleware.map((entry, i) => buildMiddleware(resolveEnv(entry, `middleware[${i}]`, env), i, registry)) };
}

function resolveEnv(value: unknown, path: string, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === "string" && value.startsWith(ENV_PREFIX)) {
    const name = value.slice(ENV_PREFIX.length);
    const found = env[name];
    if (found === undefined || found === "") {
      throw new ConfigError(`${path}: environment variable ${name} is not set`, { path });
    }
    return found;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, `${path}[${i}]`, env));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, path ? `${path}.${k}` : k, env)]));
  }
  return value;
}

function buildMiddleware(entry: unknown, index: number, registry: Readonly<Record<string, MiddlewareFactory>>): Middleware {
  const path = `middleware[${index}]`;
  const { name, options = {} } =
    typeof entry === "string" ? { name: entry } : ((entry ?? {}) as { name?: unknown; options?: Record<string, unknown> });
  if (typeof name !== "string") throw new ConfigError(`${path}: give a middleware name or { "name", "options" }`, { path });
  const factory = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!factory) {
    const known = Object.keys(registry);
    throw new ConfigError(`${path}: unknown middleware "${name}" (known: ${known.length ? known.join(", ") : "none registered"})`, {
      path: `${path}.name`,
    });
  }
  return factory(options);
}
