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
  const { argumentsText } = call;
  let args: unknown;
  let truncated = false;
  if (argumentsText.trim() === "") args = {};
  else {
    try {
      args = JSON.parse(argumentsText) as unknown;
    } catch {
      truncated = true;
    }
  }
  // Literals, not `{ ...base, arguments }`: V8 charges about a microsecond per key a spread copy gains.
  const out: { -readonly [K in keyof ToolCall]: ToolCall[K] } = { id, name: call.name, arguments: args, argumentsText };
  if (call.providerMetadata) out.providerMetadata = call.providerMetadata;
  if (truncated) out.truncated = true;
  return out;
}
