/**
 * Token usage with OpenTelemetry GenAI semantics: `inputTokens` includes cached input (Anthropic's
 * three input fields are summed) and `outputTokens` includes reasoning (Gemini's
 * `thoughtsTokenCount` is added). A total the provider did not report counts as 0.
 */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Input tokens read from the provider's prompt cache (part of `inputTokens`). */
  readonly cachedInputTokens?: number;
  /** Input tokens written to the provider's prompt cache (part of `inputTokens`; Anthropic). */
  readonly cacheWriteInputTokens?: number;
  /** Reasoning tokens (part of `outputTokens`), where the provider reports them. */
  readonly reasoningTokens?: number;
}
