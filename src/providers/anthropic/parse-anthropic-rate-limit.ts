import type { RateLimitInfo, RateLimitWindow } from "../../core/types/rate-limit-info.js";
import { rateLimitWindow } from "../shared/rate-limit-window.js";
import type { HeaderReader } from "../shared/retry-after.js";

/** `RateLimitInfo` field → the header infix Anthropic uses for it. */
const WINDOWS = {
  requests: "requests",
  tokens: "tokens",
  inputTokens: "input-tokens",
  outputTokens: "output-tokens",
} as const satisfies Record<keyof RateLimitInfo, string>;

const FIELDS = Object.keys(WINDOWS) as (keyof RateLimitInfo)[];

function count(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function window(header: HeaderReader, kind: string): RateLimitWindow | undefined {
  const limit = count(header(`anthropic-ratelimit-${kind}-limit`));
  const remaining = count(header(`anthropic-ratelimit-${kind}-remaining`));
  // Resets are RFC 3339 timestamps (not durations as at OpenAI), so no clock is needed.
  const resetAt = Date.parse(header(`anthropic-ratelimit-${kind}-reset`) ?? "");
  return rateLimitWindow(limit, remaining, Number.isNaN(resetAt) ? undefined : resetAt);
}

/**
 * `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`.
 * The `tokens` window shows the most restrictive token limit in effect. Priority Tier's
 * `anthropic-priority-*` headers are not read: `RateLimitInfo` has no place for them.
 *
 * @see https://platform.claude.com/docs/en/api/rate-limits#response-headers
 */
export function parseAnthropicRateLimit(header: HeaderReader, _now?: number): RateLimitInfo | undefined {
  let info: Partial<Record<keyof RateLimitInfo, RateLimitWindow>> | undefined;
  for (const field of FIELDS) {
    const found = window(header, WINDOWS[field]);
    if (found) (info ??= {})[field] = found;
  }
  return info;
}
