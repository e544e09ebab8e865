import { randomUUID } from "node:crypto";
import { Redis, type Cluster } from "ioredis";
import { ConfigError } from "../../core/errors/config-error.js";
import type { CacheStore } from "../cache-store.js";
import { connectOwnClient } from "./own-client.js";
import { commandRunner, type Gate } from "./run-command.js";

/** Where a {@link redisStore} connects: give `url` or `client`, not both. */
export interface RedisStoreOptions {
  /**
   * `redis://[[user]:password@]host[:port][/db]` (or `rediss://` for TLS). The store creates its
   * client, tuned to fail fast while Redis is down and to reconnect by itself, and closes it in
   * {@link RedisStore.close}. The URL (and so its password) never appears in an error.
   */
  readonly url?: string;
  /**
   * A client of your own, for settings the URL cannot carry (Sentinel, Cluster, TLS options). It is
   * used as configured (with its offline queue, it waits while disconnected, up to
   * `operationTimeoutMs`), gets no `error` listener from the store, and is never closed by it.
   */
  readonly client?: Redis | Cluster;
  /**
   * Put before every key, so that the cache can share a Redis with other data. Locks live under
   * `prefix + "lock:"`.
   * @default "proxyless:cache:"
   */
  readonly prefix?: string;
  /**
   * Longest an operation may take: past it, it rejects (as it does on any Redis error) and the cache
   * middleware goes on without the store.
   * @default 100
   */
  readonly operationTimeoutMs?: number;
}

/** A {@link CacheStore} in Redis, shared by every process that uses the same Redis and prefix. */
export interface RedisStore extends CacheStore {
  readonly name: "redis";
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  releaseLock(key: string, token: string): Promise<void>;
  isLocked(key: string): Promise<boolean>;
  /** Closes the client the store created from `url`; does nothing to a client you passed. */
  close(): Promise<void>;
}

const DEFAULT_PREFIX = "proxyless:cache:";
const DEFAULT_OPERATION_TIMEOUT_MS = 100;
const LOCK_INFIX = "lock:";

/** Deletes the lock only while `token` holds it: a holder whose lock expired must not free another's. */
const RELEASE_LOCK = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

/**
 * A {@link CacheStore} in Redis: entries (`SET … PX`, so Redis expires them) and the locks of
 * cross-process single flight (`SET … NX PX`, released by a script that checks the token).
 *
 * Every operation settles within `operationTimeoutMs`; on a timeout or any Redis error it rejects
 * with an `Error` naming the command (`redis store: GET timed out after 100 ms`), and the cache
 * middleware carries on without the cache. With `url`, while Redis is down operations reject at
 * once and the client reconnects in the background (backoff up to 2 s), so the cache comes back by
 * itself.
 *
 * Keys arrive already hashed (the middleware passes a short, versioned SHA-256 of the request), so
 * they are short and need no escaping; the prefix only namespaces them.
 *
 * Imported from `proxyless/redis`, so that ioredis (an optional peer dependency) is loaded only by
 * applications that use it.
 *
 * @throws ConfigError when neither or both of `url` and `client` are given, or a bound is invalid.
 * @example
 * ```ts
 * import { redisStore } from "proxyless/redis";
 *
 * const store = redisStore({ url: process.env.REDIS_URL, operationTimeoutMs: 50 });
 * // … give it to the cache middleware; on shutdown:
 * await store.close();
 * ```
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const timeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigError(`redisStore: operationTimeoutMs must be a positive number, got ${String(timeoutMs)}`, {
      path: "operationTimeoutMs",
    });
  }
  const connection = connect(options);
  const { client } = connection;
  const run = commandRunner({ timeoutMs, gate: connection.gate, secrets: connection.secrets });
  const lockKey = (key: string): string => prefix + LOCK_INFIX + key;

  return {
    name: "redis",
    async get(key) {
      const value = await run("GET", () => client.get(prefix + key));
      return value ?? undefined;
    },
    async set(key, value, ttlMs) {
      // Redis refuses a PX of 0 or less; an entry that is already expired is simply not there.
      if (!(ttlMs > 0)) await run("DEL", () => client.del(prefix + key));
      else if (ttlMs === Number.POSITIVE_INFINITY) await run("SET", () => client.set(prefix + key, value));
      else await run("SET", () => client.set(prefix + key, value, "PX", Math.ceil(ttlMs)));
    },
    async delete(key) {
      await run("DEL", () => client.del(prefix + key));
    },
    async acquireLock(key, ttlMs) {
      // A lock must expire: its holder may die without releasing it.
      if (!(Number.isFinite(ttlMs) && ttlMs > 0)) {
        throw new RangeError(`redis store: lock TTL must be a positive, finite number of ms, got ${String(ttlMs)}`);
      }
      const token = randomUUID();
      // A SET NX that times out may still take the lock: the caller went on without it, so it is
      // released at once rather than left to block every other process until it expires.
      const releaseLate = (reply: string | null): void => {
        if (reply === "OK") run("EVAL", () => client.eval(RELEASE_LOCK, 1, lockKey(key), token)).catch(() => undefined);
      };
      const reply = await run("SET NX", () => client.set(lockKey(key), token, "PX", Math.ceil(ttlMs), "NX"), releaseLate);
      return reply === "OK" ? token : undefined;
    },
    async releaseLock(key, token) {
      await run("EVAL", () => client.eval(RELEASE_LOCK, 1, lockKey(key), token));
    },
    async isLocked(key) {
      return (await run("EXISTS", () => client.exists(lockKey(key)))) === 1;
    },
    close: () => connection.close(timeoutMs),
  };
}

interface Connection {
  readonly client: Redis | Cluster;
  readonly gate: Gate;
  readonly secrets: readonly string[];
  close(timeoutMs: number): Promise<void>;
}

function connect({ url, client }: RedisStoreOptions): Connection {
  if (client !== undefined && url !== undefined) {
    throw new ConfigError("redisStore: give either `url` or `client`, not both", { path: "url" });
  }
  if (client !== undefined) return { client, gate: () => undefined, secrets: [], close: () => Promise.resolve() };
  // An empty URL is what an unset environment variable turns into; ioredis would take it for localhost.
  if (typeof url !== "string" || url === "") {
    throw new ConfigError("redisStore: give `url` (redis://host:port) or `client` (an ioredis client)", { path: "url" });
  }
  return connectOwnClient(url, Redis);
}
