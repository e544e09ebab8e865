/**
 * `proxyless/redis`: the Redis cache store. A separate entry point so that ioredis, an optional
 * peer dependency, is loaded only by applications that import it.
 *
 * @example
 * ```ts
 * import { redisStore } from "proxyless/redis";
 *
 * const store = redisStore({ url: "redis://localhost:6379" });
 * ```
 *
 * @module
 */
export { redisStore, type RedisStore, type RedisStoreOptions } from "./stores/redis/redis-store.js";
export type { CacheStore } from "./stores/cache-store.js";
