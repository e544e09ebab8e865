export { rateLimit, type RateLimitMiddleware } from "./rate-limit-middleware.js";
export type { RateLimitOptions, RateLimitRedisOptions, RateLimitRule } from "./rate-limit-options.js";
export { estimateInputTokens } from "../../core/request/estimate-tokens.js";
