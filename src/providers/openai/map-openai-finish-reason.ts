import type { FinishReason } from "../../core/types/finish-reason.js";

/**
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 *
 * A populated `refusal` turns `stop` into `refusal`. Tool calls under `stop` (some
 * OpenAI-compatible servers say so) count as `tool_calls`.
 */
export function mapOpenAIFinishReason(
  raw: string | null | undefined,
  seen: { readonly refusal: boolean; readonly toolCalls: boolean },
): FinishReason {
  switch (raw) {
    case "stop":
      return seen.refusal ? "refusal" : seen.toolCalls ? "tool_calls" : "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}
