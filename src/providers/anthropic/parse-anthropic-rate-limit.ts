import type { RateLimitInfo, RateLimitWindow } from "../../core/types/rate-limit-info.js";
import type { HeaderReader } from "../shared/retry-after.js";

/** `RateLimitInfo` field → the header infix Anthropic uses for it. */
const WINDOWS = {
  requests: "requests",
  tokens: "tokens",
  inputTokens: "input-tokens",
  outputTokens: "output-tokens",
} as const satisfies Record<keyof RateLimitInfo, string>;

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
  if (limit === undefined && remaining === undefined && Number.isNaN(resetAt)) return undefined;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(Number.isNaN(resetAt) ? {} : { resetAt }),
  };
}

/**
 * `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`.
 * The `tokens` window shows the most restrictive token limit in effect. Priority Tier's
 * `anthropic-priority-*` headers are not read: `RateLimitInfo` has no place for them.
 *
 * @see https://platform.claude.com/docs/en/api/rate-limits#response-headers
 */
export function parseAnthropicRateLimit(header: HeaderReader, _now?: number): RateLimitInfo | undefined {
  const info: Partial<Record<keyof RateLimitInfo, RateLimitWindow>> = {};
  for (const [field, kind] of Object.entries(WINDOWS) as [keyof RateLimitInfo, string][]) {
    const found = window(header, kind);
    if (found) info[field] = found;
  }
  return Object.keys(info).length > 0 ? info : undefined;
}
