import type { FinishReason } from "../../core/types/finish-reason.js";

/**
 * Anthropic's `stop_reason` as a unified finish reason. `pause_turn` (a server tool paused a long
 * turn; send the response back to continue) has no unified equivalent and is `other`, as is any
 * value added after this was written. Callers keep the raw value next to it.
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons
 */
export function mapAnthropicStopReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "refusal";
    default:
      return "other";
  }
}
