export { cache, type CacheMiddleware } from "./cache-middleware.js";
export type { CacheMiddlewareOptions, CacheStats } from "./cache-options.js";
export { CACHE_KEY_VERSION, type KeyParts, type KeyRoute } from "./cache-key.js";
