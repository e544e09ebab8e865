import { describe, expect, it } from "vitest";
import { headerReader } from "../shared/retry-after.js";
import { parseOpenAIRateLimit } from "./parse-openai-rate-limit.js";

describe("parseOpenAIRateLimit", () => {
  it("reads limits, remaining and Go-duration resets", () => {
    const headers = new Headers({
      "x-ratelimit-limit-requests": "60",
      "x-ratelimit-remaining-requests": "59",
      "x-ratelimit-reset-requests": "1s",
      "x-ratelimit-limit-tokens": "150000",
      "x-ratelimit-remaining-tokens": "149984",
      "x-ratelimit-reset-tokens": "6m0s",
    });
    expect(parseOpenAIRateLimit(headerReader(headers), 1_000)).toEqual({
      requests: { limit: 60, remaining: 59, resetAt: 2_000 },
      tokens: { limit: 150000, remaining: 149984, resetAt: 361_000 },
    });
  });

  it("is undefined without rate-limit headers", () => {
    expect(parseOpenAIRateLimit(headerReader(new Headers()))).toBeUndefined();
  });
});
