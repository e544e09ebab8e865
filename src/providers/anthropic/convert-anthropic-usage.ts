import type { Usage } from "../../core/types/usage.js";

/**
 * Anthropic's `usage`, as a `Message` carries it and as `message_delta` events carry it (where the
 * input fields may be `null`: not reported in that event).
 */
export interface AnthropicUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

/**
 * Anthropic's `input_tokens` excludes the prompt cache, so the total input is the sum of its three
 * input fields (OpenTelemetry semantics: cached input is part of the input). `output_tokens`
 * already includes thinking.
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function convertAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  const inputTokens = (usage?.input_tokens ?? 0) + cacheRead + cacheWrite;
  const outputTokens = usage?.output_tokens ?? 0;
  const thinking = usage?.output_tokens_details?.thinking_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    ...(typeof thinking === "number" ? { reasoningTokens: thinking } : {}),
  };
}

/**
 * Folds a `message_delta` usage over what came before. Its counts are cumulative, not increments,
 * and a field it reports as `null` (or leaves out) keeps the earlier value, so later non-null values
 * win field by field.
 */
export function mergeAnthropicUsage(
  base: AnthropicUsage | null | undefined,
  update: AnthropicUsage | null | undefined,
): AnthropicUsage {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update ?? {})) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
