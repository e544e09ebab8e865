import type { ChatResponse } from "../../core/types/chat-response.js";
import type { AssistantMessage } from "../../core/types/message.js";
import type { ToolCall, ToolCallInput } from "../../core/types/tool.js";
import type { RestoreCount, Vault } from "./vault.js";

/**
 * The response with the originals back wherever the model wrote a placeholder: `text`, `message`,
 * tool calls (their text and parsed arguments), `reasoning`, `refusal` and `object`. `raw` stays
 * as the provider sent it. The response itself when there was nothing to restore. `counted` counts
 * the placeholders restored in the text and the tool calls (the message repeats them).
 */
export function restoreResponse(vault: Vault, response: ChatResponse, counted: RestoreCount): ChatResponse {
  const text = vault.restore(response.text, counted);
  const toolCalls = restoreToolCalls(vault, response.toolCalls, counted);
  const message = restoreMessage(vault, response.message, response.toolCalls, toolCalls);
  const reasoning = response.reasoning === undefined ? undefined : vault.restore(response.reasoning);
  const refusal = response.refusal === undefined ? undefined : vault.restore(response.refusal);
  const object = vault.restoreValue(response.object);
  if (text === response.text && toolCalls === response.toolCalls && message === response.message && reasoning === response.reasoning && refusal === response.refusal && object === response.object) {
    return response;
  }
  const out: { -readonly [K in keyof ChatResponse]: ChatResponse[K] } = { ...response, text, toolCalls, message };
  if (reasoning !== undefined) out.reasoning = reasoning;
  if (refusal !== undefined) out.refusal = refusal;
  if (object !== undefined) out.object = object;
  return out;
}

/** A tool call with its arguments restored (as JSON text, and parsed); the call itself when unchanged. */
export function restoreToolCall<T extends ToolCallInput>(vault: Vault, call: T, counted?: RestoreCount): T {
  const argumentsText = call.argumentsText === undefined ? undefined : vault.restoreJson(call.argumentsText, counted);
  const args = vault.restoreValue(call.arguments);
  if (argumentsText === call.argumentsText && args === call.arguments) return call;
  const out: T = { ...call };
  if (argumentsText !== undefined) (out as { argumentsText?: string }).argumentsText = argumentsText;
  if (args !== undefined) (out as { arguments?: unknown }).arguments = args;
  return out;
}

function restoreToolCalls<T extends ToolCallInput>(vault: Vault, calls: readonly T[], counted?: RestoreCount): readonly T[] {
  if (calls.length === 0) return calls;
  const restored = calls.map((call) => restoreToolCall(vault, call, counted));
  return restored.some((call, i) => call !== calls[i]) ? restored : calls;
}

function restoreMessage(vault: Vault, message: AssistantMessage, calls: readonly ToolCall[], restoredCalls: readonly ToolCall[]): AssistantMessage {
  const content = restoreContent(vault, message.content);
  // The message carries the response's own tool calls: restored once, shared. (A copy, as from a cache, is restored on its own.)
  const toolCalls = message.toolCalls === calls ? restoredCalls : message.toolCalls && restoreToolCalls(vault, message.toolCalls);
  if (content === message.content && toolCalls === message.toolCalls) return message;
  const out: { -readonly [K in keyof AssistantMessage]: AssistantMessage[K] } = { ...message, content };
  if (toolCalls) out.toolCalls = toolCalls;
  return out;
}

function restoreContent(vault: Vault, content: AssistantMessage["content"]): AssistantMessage["content"] {
  if (content == null) return content;
  if (typeof content === "string") return vault.restore(content);
  const parts = content.map((part) => {
    const text = vault.restore(part.text);
    return text === part.text ? part : { ...part, text };
  });
  return parts.some((part, i) => part !== content[i]) ? parts : content;
}
