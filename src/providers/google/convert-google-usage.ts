import type { GenerateContentResponseUsageMetadata } from "@google/genai";
import type { Usage } from "../../core/types/usage.js";

/**
 * Gemini's `usageMetadata` with OpenTelemetry semantics. `promptTokenCount` already includes cached
 * content, but tool-use prompt tokens and thinking tokens are reported beside the prompt and the
 * candidates, so they are added in. A count Gemini leaves out is 0.
 *
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function convertGoogleUsage(usage: GenerateContentResponseUsageMetadata | null | undefined): Usage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  const inputTokens = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const outputTokens = (usage?.candidatesTokenCount ?? 0) + thoughts;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage?.totalTokenCount ?? inputTokens + outputTokens,
    cachedInputTokens: usage?.cachedContentTokenCount ?? 0,
    reasoningTokens: thoughts,
  };
}
