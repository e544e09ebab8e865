import { describe, expect, it } from "vitest";
import { convertGoogleUsage } from "./convert-google-usage.js";

describe("convertGoogleUsage", () => {
  it("adds thinking tokens to the output and tool-use prompt tokens to the input", () => {
    expect(
      convertGoogleUsage({
        promptTokenCount: 100,
        toolUsePromptTokenCount: 20,
        candidatesTokenCount: 30,
        thoughtsTokenCount: 50,
        cachedContentTokenCount: 60,
        totalTokenCount: 200,
      }),
    ).toEqual({ inputTokens: 120, outputTokens: 80, totalTokens: 200, cachedInputTokens: 60, reasoningTokens: 50 });
  });

  it("counts missing fields as 0 and computes a missing total", () => {
    expect(convertGoogleUsage({ promptTokenCount: 14 })).toEqual({
      inputTokens: 14,
      outputTokens: 0,
      totalTokens: 14,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("reports zeros when there is no usage at all", () => {
    expect(convertGoogleUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 });
  });
});
