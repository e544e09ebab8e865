import { signsFunctionCalls } from "./google-request-rules.js";
import type { JsonObject } from "./json-shape.js";
import type { ReplyMeta } from "./provider-wire.js";
import { randomId } from "./random-id.js";
import type { GeneratedReply, ReplyFinish } from "./reply-model.js";
import type { SseFrame } from "./sse-writer.js";

/** Gemini says STOP after function calls too: callers infer tool use from the parts. */
const finishReasons: Readonly<Record<ReplyFinish, string>> = {
  stop: "STOP",
  stop_sequence: "STOP",
  tool_calls: "STOP",
  length: "MAX_TOKENS",
  content_filter: "SAFETY",
  refusal: "SAFETY",
};

/**
 * A `GenerateContentResponse`.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function formatGoogleJson(reply: GeneratedReply, meta: ReplyMeta): JsonObject {
  const parts = [
    ...(reply.reasoning ? [{ text: reply.reasoning.text, thought: true }] : []),
    ...(reply.text !== "" ? [{ text: reply.text }] : []),
    ...functionCallParts(reply, meta),
  ];
  return {
    candidates: [{ content: parts.length > 0 ? { parts, role: "model" } : {}, finishReason: finishReasons[reply.finish], index: 0 }],
    usageMetadata: usage(reply),
    modelVersion: meta.model,
    responseId: responseId(),
  };
}

/**
 * `streamGenerateContent?alt=sse` chunks: one part per chunk (thoughts, text pieces, whole
 * function calls); the last chunk carries `finishReason` and the final `usageMetadata`, earlier
 * ones the prompt count only.
 */
export function formatGoogleStream(reply: GeneratedReply, meta: ReplyMeta): SseFrame[] {
  const parts: JsonObject[] = [
    ...(reply.reasoning?.pieces.map((piece) => ({ text: piece, thought: true })) ?? []),
    ...reply.textPieces.map((piece) => ({ text: piece })),
    ...functionCallParts(reply, meta),
  ];
  if (parts.length === 0) parts.push({ text: "" });
  const id = responseId();
  const promptOnly = { promptTokenCount: reply.usage.inputTokens, totalTokenCount: reply.usage.inputTokens, promptTokensDetails: promptDetails(reply) };
  return parts.map((part, index) => {
    const last = index === parts.length - 1;
    const candidate = { content: { parts: [part], role: "model" }, ...(last ? { finishReason: finishReasons[reply.finish] } : {}), index: 0 };
    return { data: JSON.stringify({ candidates: [candidate], usageMetadata: last ? usage(reply) : promptOnly, modelVersion: meta.model, responseId: id }) };
  });
}

/**
 * Gemini gives function calls no ids. Gemini 3 signs the first function call of each step (the
 * only one with a signature when calls are parallel).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
function functionCallParts(reply: GeneratedReply, meta: ReplyMeta): JsonObject[] {
  const signs = signsFunctionCalls(meta.model);
  return reply.toolCalls.map((call, index) => ({
    functionCall: { name: call.name, args: call.arguments ?? {} },
    ...(signs && index === 0 ? { thoughtSignature: meta.signer.sign(`${call.name}(${call.argumentsText})`) } : {}),
  }));
}

/** `thoughtsTokenCount` is apart from `candidatesTokenCount`; the total counts both. */
function usage(reply: GeneratedReply): JsonObject {
  const { inputTokens, outputTokens, reasoningTokens } = reply.usage;
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: inputTokens + outputTokens + reasoningTokens,
    promptTokensDetails: promptDetails(reply),
    ...(reasoningTokens > 0 ? { thoughtsTokenCount: reasoningTokens } : {}),
  };
}

function promptDetails(reply: GeneratedReply): JsonObject[] {
  return [{ modality: "TEXT", tokenCount: reply.usage.inputTokens }];
}

function responseId(): string {
  return randomId("", 23);
}
