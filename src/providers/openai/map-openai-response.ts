import type { ChatCompletion } from "openai/resources/chat/completions";
import type { ProviderResult, ProviderToolCall } from "../../core/types/provider-adapter.js";
import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";

/** Reasoning text as OpenAI-compatible servers send it (DeepSeek, vLLM, OpenRouter); OpenAI itself sends none. */
export function reasoningOf(message: object | null | undefined): string | undefined {
  const m = message as { reasoning_content?: unknown; reasoning?: unknown } | null | undefined;
  const value = m?.reasoning_content ?? m?.reasoning;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A chat completion as a provider result; only the first choice is normalised. */
export function mapOpenAIResponse(completion: ChatCompletion): Omit<ProviderResult, "requestId" | "rateLimit" | "warnings"> {
  const choice = completion.choices[0];
  const message = choice?.message;
  const toolCalls: ProviderToolCall[] = [];
  for (const call of message?.tool_calls ?? []) {
    if (call.type === "function") toolCalls.push({ id: call.id, name: call.function.name, argumentsText: call.function.arguments });
  }
  const refusal = message?.refusal ?? undefined;
  const reasoning = reasoningOf(message);
  return {
    id: completion.id,
    model: completion.model,
    text: message?.content ?? "",
    ...(reasoning ? { reasoning } : {}),
    ...(refusal ? { refusal } : {}),
    toolCalls,
    finishReason: mapOpenAIFinishReason(choice?.finish_reason, { refusal: !!refusal, toolCalls: toolCalls.length > 0 }),
    rawFinishReason: choice?.finish_reason ?? "",
    usage: convertOpenAIUsage(completion.usage),
    raw: completion,
  };
}
