import { describe, expect, it } from "vitest";
import { convertAnthropicUsage, mergeAnthropicUsage } from "./convert-anthropic-usage.js";

describe("convertAnthropicUsage", () => {
  it("sums the three input fields and reports the cache parts", () => {
    expect(
      convertAnthropicUsage({ input_tokens: 3, cache_read_input_tokens: 1111, cache_creation_input_tokens: 418, output_tokens: 33 }),
    ).toEqual({ inputTokens: 1532, outputTokens: 33, totalTokens: 1565, cachedInputTokens: 1111, cacheWriteInputTokens: 418 });
  });

  it("counts null cache fields as 0", () => {
    expect(convertAnthropicUsage({ input_tokens: 12, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens: 29 })).toEqual({
      inputTokens: 12,
      outputTokens: 29,
      totalTokens: 41,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
    });
  });

  it("reports reasoning tokens only when output_tokens_details has them", () => {
    expect(convertAnthropicUsage({ input_tokens: 10, output_tokens: 300, output_tokens_details: { thinking_tokens: 250 } })).toEqual({
      inputTokens: 10,
      outputTokens: 300,
      totalTokens: 310,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
      reasoningTokens: 250,
    });
    expect(convertAnthropicUsage({ input_tokens: 1, output_tokens: 2, output_tokens_details: null })).not.toHaveProperty("reasoningTokens");
  });

  it("gives zeros for no usage at all", () => {
    expect(convertAnthropicUsage(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
    });
  });
});

describe("mergeAnthropicUsage", () => {
  it("lets later non-null values win field by field (message_delta usage is cumulative)", () => {
    const start = { input_tokens: 450, cache_creation_input_tokens: 0, cache_read_input_tokens: 7, output_tokens: 1 };
    const delta = { input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 124 };
    expect(mergeAnthropicUsage(start, delta)).toEqual({
      input_tokens: 450,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 7,
      output_tokens: 124,
    });
  });

  it("takes a delta's input fields when it reports them", () => {
    expect(mergeAnthropicUsage({ input_tokens: 12, output_tokens: 1 }, { input_tokens: 14, output_tokens: 30 })).toEqual({
      input_tokens: 14,
      output_tokens: 30,
    });
  });

  it("starts from nothing when there was no message_start", () => {
    expect(mergeAnthropicUsage(undefined, { output_tokens: 5 })).toEqual({ output_tokens: 5 });
  });
});
