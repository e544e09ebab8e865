import { LRUCache } from "lru-cache";
import { ConfigError } from "../../core/errors/config-error.js";
import type { CacheStore } from "../cache-store.js";

/** Bounds of a {@link memoryStore}: both hold, whichever is reached first evicts. */
export interface MemoryStoreOptions {
  /**
   * Most entries kept; past it the least recently used entry is evicted.
   * @default 10_000
   */
  readonly maxEntries?: number;
  /**
   * Most bytes kept, counted as `2 * (key.length + value.length)`: a JS string holds UTF-16 code
   * units, so this is close to what the strings cost the heap (object headers aside). Least
   * recently used entries are evicted to make room; a single entry larger than this is not stored.
   * @default 67_108_864 (64 MiB)
   */
  readonly maxBytes?: number;
}

/** A {@link CacheStore} in this process's memory, with its current fill (for tests and stats). */
export interface MemoryStore extends CacheStore {
  readonly name: "memory";
  /** Entries held now, expired ones not yet swept included. */
  readonly size: number;
  /** Bytes held now, counted as {@link MemoryStoreOptions.maxBytes} describes; never above it. */
  readonly bytes: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * An in-process, bounded LRU {@link CacheStore}: the default store of the cache middleware. Every
 * method resolves at once (it never rejects). Expired entries are dropped when next read or when
 * evicted; no timer runs per entry.
 *
 * Single flight is the middleware's job within one process, so this store has no lock methods.
 *
 * @example
 * ```ts
 * import { memoryStore } from "proxyless";
 *
 * const store = memoryStore({ maxEntries: 1_000, maxBytes: 16 * 1024 * 1024 });
 * await store.set("key", "value", 60_000);
 * await store.get("key"); // "value"
 * store.bytes; // 16
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const maxEntries = positiveInteger(options.maxEntries ?? DEFAULT_MAX_ENTRIES, "maxEntries");
  const maxBytes = positiveInteger(options.maxBytes ?? DEFAULT_MAX_BYTES, "maxBytes");
  const cache = new LRUCache<string, string>({
    max: maxEntries,
    maxSize: maxBytes,
    // lru-cache wants a positive integer: an empty key and value still count one byte.
    sizeCalculation: (value, key) => 2 * (key.length + value.length) || 1,
    // 0: read the clock on each check instead of caching it behind a 1 ms timer.
    ttlResolution: 0,
  });

  return {
    name: "memory",
    get size() {
      return cache.size;
    },
    get bytes() {
      return cache.calculatedSize;
    },
    get(key) {
      return Promise.resolve(cache.get(key));
    },
    set(key, value, ttlMs) {
      // lru-cache reads a TTL of 0 (or NaN) as "never expires"; here it means "already expired".
      if (!(ttlMs > 0)) {
        cache.delete(key);
        return Promise.resolve();
      }
      cache.set(key, value, { ttl: ttlMs });
      return Promise.resolve();
    },
    delete(key) {
      cache.delete(key);
      return Promise.resolve();
    },
  };
}

function positiveInteger(value: number, name: string): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new ConfigError(`memoryStore: ${name} must be a positive integer, got ${String(value)}`, { path: name });
}
