import { describe, expect, it } from "vitest";
import { headerReader } from "../shared/retry-after.js";
import { parseAnthropicRateLimit } from "./parse-anthropic-rate-limit.js";

describe("parseAnthropicRateLimit", () => {
  it("reads all four windows with RFC 3339 resets as epoch milliseconds", () => {
    const headers = new Headers({
      "anthropic-ratelimit-requests-limit": "50",
      "anthropic-ratelimit-requests-remaining": "49",
      "anthropic-ratelimit-requests-reset": "2026-11-27T10:00:01Z",
      "anthropic-ratelimit-tokens-limit": "90000",
      "anthropic-ratelimit-tokens-remaining": "89000",
      "anthropic-ratelimit-tokens-reset": "2026-11-27T10:00:02.500Z",
      "anthropic-ratelimit-input-tokens-limit": "80000",
      "anthropic-ratelimit-input-tokens-remaining": "79000",
      "anthropic-ratelimit-input-tokens-reset": "2026-11-27T10:00:03+00:00",
      "anthropic-ratelimit-output-tokens-limit": "10000",
      "anthropic-ratelimit-output-tokens-remaining": "10000",
      "anthropic-ratelimit-output-tokens-reset": "2026-11-27T11:00:04+01:00",
    });
    expect(parseAnthropicRateLimit(headerReader(headers))).toEqual({
      requests: { limit: 50, remaining: 49, resetAt: Date.UTC(2026, 10, 27, 10, 0, 1) },
      tokens: { limit: 90000, remaining: 89000, resetAt: Date.UTC(2026, 10, 27, 10, 0, 2, 500) },
      inputTokens: { limit: 80000, remaining: 79000, resetAt: Date.UTC(2026, 10, 27, 10, 0, 3) },
      outputTokens: { limit: 10000, remaining: 10000, resetAt: Date.UTC(2026, 10, 27, 10, 0, 4) },
    });
  });

  it("keeps only the windows and fields that were sent", () => {
    const headers = headerReader({ "anthropic-ratelimit-requests-remaining": "0", "anthropic-ratelimit-tokens-reset": "2026-11-27T10:00:00Z" });
    expect(parseAnthropicRateLimit(headers)).toEqual({
      requests: { remaining: 0 },
      tokens: { resetAt: Date.UTC(2026, 10, 27, 10) },
    });
  });

  it("ignores values that are not numbers or dates", () => {
    const headers = headerReader({ "anthropic-ratelimit-requests-limit": "many", "anthropic-ratelimit-requests-reset": "soon" });
    expect(parseAnthropicRateLimit(headers)).toBeUndefined();
  });

  it("returns undefined without rate-limit headers", () => {
    expect(parseAnthropicRateLimit(headerReader(new Headers({ "request-id": "req_1" })))).toBeUndefined();
  });
});
