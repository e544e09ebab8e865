import type { RateLimitInfo, RateLimitWindow } from "../../core/types/rate-limit-info.js";
import { parseDuration } from "../shared/parse-duration.js";
import { rateLimitWindow } from "../shared/rate-limit-window.js";
import type { HeaderReader } from "../shared/retry-after.js";

function window(header: HeaderReader, kind: "requests" | "tokens", now: number): RateLimitWindow | undefined {
  const limit = header(`x-ratelimit-limit-${kind}`);
  const remaining = header(`x-ratelimit-remaining-${kind}`);
  const reset = parseDuration(header(`x-ratelimit-reset-${kind}`));
  return rateLimitWindow(limit != null ? Number(limit) : undefined, remaining != null ? Number(remaining) : undefined, reset !== undefined ? now + reset : undefined);
}

/**
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`; resets are Go durations (`6m0s`).
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function parseOpenAIRateLimit(header: HeaderReader, now = Date.now()): RateLimitInfo | undefined {
  const requests = window(header, "requests", now);
  const tokens = window(header, "tokens", now);
  if (!requests && !tokens) return undefined;
  const info: { requests?: RateLimitWindow; tokens?: RateLimitWindow } = {};
  if (requests) info.requests = requests;
  if (tokens) info.tokens = tokens;
  return info;
}
