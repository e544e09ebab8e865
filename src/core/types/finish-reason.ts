/**
 * Why the model stopped, unified across providers. The provider's own value is always kept next
 * to it as `rawFinishReason`.
 *
 * - `stop`: natural end or a stop sequence
 * - `length`: the output hit `maxTokens` (or the context window)
 * - `tool_calls`: the model called tools (inferred for Gemini, which says `STOP`)
 * - `content_filter`: a safety system blocked the output
 * - `refusal`: the model declined (OpenAI `refusal`, Anthropic `stop_reason: "refusal"`)
 * - `error`: the provider reports a failed generation (Gemini `MALFORMED_FUNCTION_CALL`, ...)
 * - `other`: anything else (Anthropic `pause_turn`, Gemini `LANGUAGE`, ...)
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "refusal" | "error" | "other";
