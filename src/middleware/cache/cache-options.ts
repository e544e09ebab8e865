import type { CacheStore } from "../../stores/cache-store.js";

/** Options of {@link cache}. */
export interface CacheMiddlewareOptions {
  /**
   * Where entries live. `redisStore()` (from `proxyless/redis`) shares them between processes,
   * with single flight across processes too.
   * @default memoryStore()
   */
  readonly store?: CacheStore;
  /** How long an entry lives; `request.cache.ttlMs` overrides it per call. @default 3_600_000 (one hour) */
  readonly ttlMs?: number;
  /** Keeps these entries apart from every other namespace (an app, an environment). @default "" */
  readonly namespace?: string;
  /**
   * A `metadata` field whose value is part of the namespace, so that tenants never share entries:
   * `namespaceFrom: "tenant"` with `metadata: { tenant: "acme" }`. A request without the field
   * shares entries only with other requests without it.
   */
  readonly namespaceFrom?: string;
  /**
   * Identical requests in flight share one upstream call: in this process always, and across
   * processes when the store has locks (`redisStore`).
   * @default true
   */
  readonly singleFlight?: boolean;
  /** How long a cross-process lock lives when its holder never releases it (a crash). @default 30_000 */
  readonly lockTtlMs?: number;
  /**
   * How long a request waits for another process's call to the same prompt before going upstream
   * itself.
   * @default 30_000
   */
  readonly lockWaitMs?: number;
  /** Milliseconds between events when a stream is replayed from the cache; 0 replays at once. @default 0 */
  readonly replayDelayMs?: number;
  /** The middleware's name in errors and traces. @default "cache" */
  readonly name?: string;
}

/** Counters since the middleware was made (`cache.stats()`). */
export interface CacheStats {
  /** Answered from the store. */
  readonly hits: number;
  /** Went upstream because there was no entry (or `refresh` asked for a new one). */
  readonly misses: number;
  /** Answered by an identical request's upstream call in flight, in this process or another. */
  readonly shared: number;
  /** Went upstream without the store because the store failed. */
  readonly skips: number;
  /** Store operations that failed (a call can count several). */
  readonly errors: number;
  /** Asked for no caching (`mode: "bypass"`). */
  readonly bypasses: number;
  /** Entries written. */
  readonly writes: number;
}
