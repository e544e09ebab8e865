import type { RateLimitWindow } from "../../core/types/rate-limit-info.js";

/**
 * One window of a provider's rate-limit headers, with only the fields it gave; `undefined` when it
 * gave none. Built field by field rather than by spreads: it runs on every response a limiter reads.
 */
export function rateLimitWindow(limit: number | undefined, remaining: number | undefined, resetAt: number | undefined): RateLimitWindow | undefined {
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  const window: { -readonly [K in keyof RateLimitWindow]: RateLimitWindow[K] } = {};
  if (limit !== undefined) window.limit = limit;
  if (remaining !== undefined) window.remaining = remaining;
  if (resetAt !== undefined) window.resetAt = resetAt;
  return window;
}
