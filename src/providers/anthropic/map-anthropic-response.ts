import type { Message } from "@anthropic-ai/sdk/resources/messages";
import type { ProviderResult, ProviderToolCall } from "../../core/types/provider-adapter.js";
import { thinkingMetadata, type AnthropicThinkingBlock } from "./anthropic-thinking-metadata.js";
import { convertAnthropicUsage } from "./convert-anthropic-usage.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";

/**
 * A Messages API `Message` as a provider result. Text blocks are concatenated; thinking texts are
 * (the non-empty ones) joined by a blank line into `reasoning`, and every thinking block (redacted ones too) is kept as
 * received in `providerMetadata.anthropic.thinking` for the next turn. Server-tool blocks (web
 * search, code execution, ...) are not normalised: they stay in `raw`.
 */
export function mapAnthropicResponse(message: Message): Omit<ProviderResult, "requestId" | "rateLimit" | "warnings"> {
  let text = "";
  const reasoning: string[] = [];
  const thinking: AnthropicThinkingBlock[] = [];
  const toolCalls: ProviderToolCall[] = [];
  for (const block of message.content) {
    switch (block.type) {
      case "text":
        text += block.text;
        break;
      case "thinking":
        if (block.thinking) reasoning.push(block.thinking);
        thinking.push(block);
        break;
      case "redacted_thinking":
        thinking.push(block);
        break;
      case "tool_use":
        toolCalls.push({ id: block.id, name: block.name, argumentsText: JSON.stringify(block.input ?? {}) });
        break;
    }
  }
  const refusal = refusalOf(message.stop_reason, message.stop_details);
  const providerMetadata = thinkingMetadata(thinking);
  const reasoningText = reasoning.join("\n\n");
  return {
    id: message.id,
    model: message.model,
    text,
    ...(reasoningText ? { reasoning: reasoningText } : {}),
    ...(refusal ? { refusal } : {}),
    toolCalls,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    rawFinishReason: message.stop_reason ?? "",
    usage: convertAnthropicUsage(message.usage),
    raw: message,
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

/**
 * The explanation Anthropic gives with `stop_reason: "refusal"` (`stop_details.explanation`), if
 * any: the closest thing it has to OpenAI's refusal message.
 */
export function refusalOf(
  stopReason: string | null | undefined,
  details: { readonly explanation?: string | null } | null | undefined,
): string | undefined {
  return stopReason === "refusal" ? (details?.explanation ?? undefined) : undefined;
}
