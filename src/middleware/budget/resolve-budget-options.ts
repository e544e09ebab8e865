import { didYouMean } from "../../core/errors/closest-name.js";
import type { Cluster, Redis } from "ioredis";
import { ConfigError } from "../../core/errors/config-error.js";
import { describeValue, knownOptions } from "../../core/config/known-options.js";
import type { BudgetOptions } from "./budget-options.js";

/** How calls are split into accounts: one, or one per value of a metadata field. */
export type ResolvedScope = { readonly kind: "global" } | { readonly kind: "metadata"; readonly field: string; readonly missing: "reject" | "shared" };

/** `BudgetRedisOptions` checked, with every default filled in. */
export interface ResolvedBudgetRedis {
  readonly url?: string;
  readonly client?: Redis | Cluster;
  readonly prefix: string;
  readonly onUnavailable: "open" | "closed";
  readonly connectTimeoutMs: number;
  readonly leaseMs: number;
}

/** {@link BudgetOptions} checked, with every default filled in. */
export interface ResolvedBudgetOptions {
  readonly name: string;
  readonly limitUsd: number;
  /** `undefined`: no window. */
  readonly windowMs: number | undefined;
  readonly scope: ResolvedScope;
  readonly unpriced: "reject" | "allow";
  readonly redis: ResolvedBudgetRedis | undefined;
}

const KNOWN: readonly (keyof BudgetOptions)[] = ["limitUsd", "windowMs", "scope", "unpriced", "redis", "name"];
const REDIS_KNOWN = ["url", "client", "prefix", "onUnavailable", "connectTimeoutMs", "leaseMs"];
const SCOPE_KNOWN = ["metadata", "missing"];

/**
 * Checks the options as a config file could give them (anything at all) and fills in the
 * defaults, once, when the middleware is made: a typo fails at startup, never as a budget that
 * silently never holds.
 *
 * @throws ConfigError naming the option and what it takes.
 */
export function resolveBudgetOptions(options: unknown): ResolvedBudgetOptions {
  if (options === undefined) throw new ConfigError("budget: give options such as { limitUsd: 50, windowMs: 86_400_000 }");
  const given = knownOptions("budget", options, KNOWN);
  const { limitUsd, windowMs } = given;
  if (!(typeof limitUsd === "number" && Number.isFinite(limitUsd) && limitUsd > 0)) {
    throw new ConfigError(`budget: limitUsd must be a positive, finite number of US dollars (50 for $50), got ${describeValue(limitUsd)}`, { path: "limitUsd" });
  }
  if (windowMs !== undefined && !(typeof windowMs === "number" && Number.isInteger(windowMs) && windowMs > 0)) {
    throw new ConfigError(`budget: windowMs must be a whole, positive number of milliseconds (86_400_000 for a day), or left out for no window; got ${describeValue(windowMs)}`, { path: "windowMs" });
  }
  const name = given.name ?? "budget";
  if (typeof name !== "string" || name === "") throw new ConfigError(`budget: name must be a non-empty string, got ${describeValue(name)}`, { path: "name" });
  const unpriced = given.unpriced ?? "reject";
  if (unpriced !== "reject" && unpriced !== "allow") throw new ConfigError(`budget: unpriced is "reject" or "allow", got ${describeValue(unpriced)}`, { path: "unpriced" });
  return {
    name,
    limitUsd,
    windowMs,
    scope: resolveScope(given.scope),
    unpriced,
    redis: given.redis === undefined ? undefined : resolveRedis(given.redis),
  };
}

function resolveScope(scope: unknown): ResolvedScope {
  if (scope === undefined || scope === "global") return { kind: "global" };
  if (typeof scope === "string") throw new ConfigError(`budget: scope is "global" or { metadata: "<field>" }, got the string "${scope.slice(0, 40)}"`, { path: "scope" });
  const given = nestedOptions("scope", scope, SCOPE_KNOWN, '{ metadata: "tenant" }');
  const { metadata, missing = "reject" } = given;
  if (typeof metadata !== "string" || metadata === "") {
    throw new ConfigError(`budget: scope.metadata must name a metadata field ("tenant"), got ${describeValue(metadata)}`, { path: "scope.metadata" });
  }
  if (missing !== "reject" && missing !== "shared") throw new ConfigError(`budget: scope.missing is "reject" or "shared", got ${describeValue(missing)}`, { path: "scope.missing" });
  return { kind: "metadata", field: metadata, missing };
}

function resolveRedis(redis: unknown): ResolvedBudgetRedis {
  const given = nestedOptions("redis", redis, REDIS_KNOWN, '{ url: "redis://127.0.0.1:6379" }');
  const { url, client } = given;
  if ((url === undefined) === (client === undefined)) {
    throw new ConfigError("budget: redis needs exactly one of url (redis://host:6379) and client (an ioredis client)", { path: "redis" });
  }
  // An empty URL is what an unset environment variable turns into; ioredis would take it for localhost.
  if (url !== undefined && (typeof url !== "string" || url === "")) throw new ConfigError(`budget: redis.url must be a redis:// URL, got ${describeValue(url)}`, { path: "redis.url" });
  if (client !== undefined && (typeof client !== "object" || client === null)) throw new ConfigError(`budget: redis.client must be an ioredis client, got ${describeValue(client)}`, { path: "redis.client" });
  const prefix = given.prefix ?? "proxyless";
  if (typeof prefix !== "string" || prefix === "") throw new ConfigError(`budget: redis.prefix must be a non-empty string, got ${describeValue(prefix)}`, { path: "redis.prefix" });
  const onUnavailable = given.onUnavailable ?? "closed";
  if (onUnavailable !== "open" && onUnavailable !== "closed") {
    throw new ConfigError(`budget: redis.onUnavailable is "open" or "closed", got ${describeValue(onUnavailable)}`, { path: "redis.onUnavailable" });
  }
  const duration = (key: "connectTimeoutMs" | "leaseMs", fallback: number): number => {
    const value = given[key] ?? fallback;
    if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
    throw new ConfigError(`budget: redis.${key} must be a positive, finite number of milliseconds, got ${describeValue(value)}`, { path: `redis.${key}` });
  };
  return {
    ...(url !== undefined ? { url } : {}),
    ...(client !== undefined ? { client: client as Redis | Cluster } : {}),
    prefix,
    onUnavailable,
    connectTimeoutMs: duration("connectTimeoutMs", 1_000),
    leaseMs: duration("leaseMs", 600_000),
  };
}

/** An option that is itself an object, checked to be one and to name only `known` keys, each error naming its full path. */
function nestedOptions(at: string, value: unknown, known: readonly string[], example: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`budget: ${at} must be an object such as ${example}, got ${describeValue(value)}`, { path: at });
  }
  const stranger = Object.keys(value).find((key) => !known.includes(key));
  if (stranger !== undefined) throw new ConfigError(`budget: unknown option "${at}.${stranger}"${didYouMean(stranger, known)}; the options of ${at} are ${known.join(", ")}`, { path: `${at}.${stranger}` });
  return value as Readonly<Record<string, unknown>>;
}
