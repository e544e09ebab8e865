import type { FunctionCall, GenerateContentResponse } from "@google/genai";
import type { ProviderMetadata } from "../../core/types/provider-metadata.js";
import type { ProviderResult, ProviderToolCall } from "../../core/types/provider-adapter.js";
import { convertGoogleUsage } from "./convert-google-usage.js";
import { googleFinishOf } from "./map-google-finish-reason.js";

/** Gemini's opaque thought signature, under our provider type, for the part it must go back on. */
export function signatureMetadata(signature: string | undefined): ProviderMetadata | undefined {
  return signature === undefined ? undefined : { google: { thoughtSignature: signature } };
}

/** A complete `functionCall` part as a tool call; Gemini rarely sends ids, core fills them in. */
export function toolCallOf({ id, name, args }: FunctionCall, thoughtSignature: string | undefined): ProviderToolCall {
  const providerMetadata = signatureMetadata(thoughtSignature);
  return {
    ...(id ? { id } : {}),
    name: name ?? "",
    argumentsText: JSON.stringify(args ?? {}),
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

/**
 * A `generateContent` response as a provider result; only candidate 0 is normalised. Thought
 * summaries (`thought: true`) are reasoning, not text. A thought signature on a text part is kept
 * on the message, to go back on its first text part in the next turn.
 *
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function mapGoogleResponse(response: GenerateContentResponse): Omit<ProviderResult, "warnings"> {
  const candidate = response.candidates?.[0];
  let text = "";
  let reasoning = "";
  let signature: string | undefined;
  const toolCalls: ProviderToolCall[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      toolCalls.push(toolCallOf(part.functionCall, part.thoughtSignature));
      continue;
    }
    signature ??= part.thoughtSignature;
    if (typeof part.text !== "string") continue;
    if (part.thought) reasoning += part.text;
    else text += part.text;
  }
  const providerMetadata = signatureMetadata(signature);
  return {
    ...(response.responseId ? { id: response.responseId } : {}),
    ...(response.modelVersion ? { model: response.modelVersion } : {}),
    text,
    ...(reasoning ? { reasoning } : {}),
    toolCalls,
    ...googleFinishOf(candidate?.finishReason, response.promptFeedback?.blockReason, { toolCalls: toolCalls.length > 0 }),
    usage: convertGoogleUsage(response.usageMetadata),
    raw: response,
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}
