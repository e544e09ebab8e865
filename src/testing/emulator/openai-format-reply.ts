import { isRecord, type JsonObject } from "./json-shape.js";
import type { ReplyMeta } from "./provider-wire.js";
import { randomId } from "./random-id.js";
import type { GeneratedReply, ReplyFinish } from "./reply-model.js";
import type { SseFrame } from "./sse-writer.js";

const finishReasons: Readonly<Record<ReplyFinish, string>> = {
  stop: "stop",
  stop_sequence: "stop",
  refusal: "stop",
  length: "length",
  tool_calls: "tool_calls",
  content_filter: "content_filter",
};

/**
 * A `chat.completion` object.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function formatOpenAIJson(reply: GeneratedReply, meta: ReplyMeta): JsonObject {
  const refusal = reply.finish === "refusal";
  const calls = toolCalls(reply);
  return {
    id: randomId("chatcmpl-", 29),
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: refusal || (reply.text === "" && calls.length > 0) ? null : reply.text,
          refusal: refusal ? reply.text : null,
          annotations: [],
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
        },
        logprobs: null,
        finish_reason: finishReasons[reply.finish],
      },
    ],
    usage: usage(reply),
    service_tier: "default",
    system_fingerprint: fingerprint(),
  };
}

/**
 * `chat.completion.chunk` events: a role chunk, one chunk per text piece, each tool call as a
 * header (id, name, empty arguments) and argument fragments, a finish chunk, with
 * `stream_options.include_usage` a usage chunk with no choices, then `[DONE]`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export function formatOpenAIStream(reply: GeneratedReply, meta: ReplyMeta): SseFrame[] {
  const includeUsage = isRecord(meta.body) && isRecord(meta.body.stream_options) && meta.body.stream_options.include_usage === true;
  const base = { id: randomId("chatcmpl-", 29), object: "chat.completion.chunk", created: meta.created, model: meta.model, service_tier: "default", system_fingerprint: fingerprint() };
  const chunk = (delta: JsonObject, finishReason: string | null = null): SseFrame => ({
    data: JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...(includeUsage ? { usage: null } : {}) }),
  });

  const refusal = reply.finish === "refusal";
  const calls = toolCalls(reply);
  const header = (index: number): JsonObject => {
    const call = calls[index] as (typeof calls)[number];
    return { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } };
  };
  // Tool-only answers carry the first call's header in the role chunk, as OpenAI sends them.
  const headInRole = reply.text === "" && calls.length > 0;
  const frames = [
    chunk({
      role: "assistant",
      content: refusal || headInRole ? null : "",
      ...(headInRole ? { tool_calls: [header(0)] } : {}),
      refusal: refusal ? "" : null,
    }),
  ];
  for (const piece of reply.textPieces) frames.push(chunk(refusal ? { refusal: piece } : { content: piece }));
  reply.toolCalls.forEach((call, index) => {
    if (!(headInRole && index === 0)) frames.push(chunk({ tool_calls: [header(index)] }));
    for (const fragment of call.fragments) frames.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
  });
  frames.push(chunk({}, finishReasons[reply.finish]));
  if (includeUsage) frames.push({ data: JSON.stringify({ ...base, choices: [], usage: usage(reply) }) });
  frames.push({ data: "[DONE]" });
  return frames;
}

function toolCalls(reply: GeneratedReply): { id: string; type: "function"; function: { name: string; arguments: string } }[] {
  return reply.toolCalls.map((call) => ({ id: randomId("call_", 24), type: "function", function: { name: call.name, arguments: call.argumentsText } }));
}

/** `completion_tokens` includes reasoning, which OpenAI reports only as a count. */
function usage(reply: GeneratedReply): JsonObject {
  const { inputTokens, outputTokens, reasoningTokens } = reply.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens + reasoningTokens,
    total_tokens: inputTokens + outputTokens + reasoningTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function fingerprint(): string {
  return randomId("fp_", 10, "hex");
}
