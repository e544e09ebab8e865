/**
 * Where the cache middleware keeps its entries. Two implementations come with proxyless,
 * `memoryStore()` (in-process, bounded) and `redisStore()` (shared by every process, from
 * `proxyless/redis`); any object with these methods works.
 *
 * Values are strings (the entry's JSON): a store never holds an object a caller got, and its
 * size is its length. A store may fail (Redis down): every method may reject, and the cache
 * middleware then goes upstream without it; it never fails a call.
 *
 * @example A store over a `Map` (no eviction: a sketch, not for production)
 * ```ts
 * const entries = new Map<string, { value: string; expiresAt: number }>();
 * const mapStore: CacheStore = {
 *   async get(key) {
 *     const entry = entries.get(key);
 *     if (!entry || entry.expiresAt <= Date.now()) return undefined;
 *     return entry.value;
 *   },
 *   async set(key, value, ttlMs) {
 *     entries.set(key, { value, expiresAt: Date.now() + ttlMs });
 *   },
 *   async delete(key) {
 *     entries.delete(key);
 *   },
 * };
 * ```
 */
export interface CacheStore {
  /** Shown in warnings and stats (`memory`, `redis`). */
  readonly name?: string;
  /** The value stored under `key`, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing any value there. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Single flight across processes (optional; a store shared by several processes implements it):
   * takes a short lock on `key` when no one holds it. Resolves a token when this caller now holds
   * it, `undefined` when someone else does. The lock expires by itself after `ttlMs`.
   */
  acquireLock?(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases a lock taken with {@link acquireLock}, only if `token` still holds it. */
  releaseLock?(key: string, token: string): Promise<void>;
  /** Whether anyone holds the lock on `key` now. Implemented with {@link acquireLock}. */
  isLocked?(key: string): Promise<boolean>;
}
