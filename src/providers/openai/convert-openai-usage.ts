import type { Usage } from "../../core/types/usage.js";

/** The `usage` object of a chat completion (or of a stream's last chunk). */
export interface OpenAIUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly total_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number; readonly cache_write_tokens?: number } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number } | null;
}

/** OpenAI already counts cached input in `prompt_tokens` and reasoning in `completion_tokens`. */
export function convertOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  const inputTokens = usage?.prompt_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? 0;
  const cacheWrite = usage?.prompt_tokens_details?.cache_write_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: usage?.total_tokens ?? inputTokens + outputTokens,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    ...(cacheWrite !== undefined ? { cacheWriteInputTokens: cacheWrite } : {}),
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}
