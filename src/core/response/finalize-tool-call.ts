import { nextId } from "../ids.js";
import type { ProviderToolCall } from "../types/provider-adapter.js";
import type { ToolCall } from "../types/tool.js";

/** A fresh tool-call id for providers that send none (Gemini). Distinct even for identical calls. */
export function synthesizeToolCallId(): string {
  return `call_${nextId()}`;
}

/**
 * Parses a tool call's arguments. An empty string means "no arguments" (`{}`): Anthropic streams
 * send nothing for a tool without input. Text that does not parse is kept verbatim and flagged
 * `truncated`; no value is invented for it.
 */
export function finalizeToolCall(call: ProviderToolCall): ToolCall {
  const id = call.id ?? synthesizeToolCallId();
  const base = call.providerMetadata ? { id, name: call.name, providerMetadata: call.providerMetadata } : { id, name: call.name };
  if (call.argumentsText.trim() === "") return { ...base, arguments: {}, argumentsText: call.argumentsText };
  try {
    return { ...base, arguments: JSON.parse(call.argumentsText) as unknown, argumentsText: call.argumentsText };
  } catch {
    return { ...base, arguments: undefined, argumentsText: call.argumentsText, truncated: true };
  }
}
