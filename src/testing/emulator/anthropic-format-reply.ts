import type { JsonObject } from "./json-shape.js";
import type { ReplyMeta } from "./provider-wire.js";
import { randomId } from "./random-id.js";
import type { GeneratedReply, ReplyFinish } from "./reply-model.js";
import type { SseFrame } from "./sse-writer.js";

const stopReasons: Readonly<Record<ReplyFinish, string>> = {
  stop: "end_turn",
  stop_sequence: "stop_sequence",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
  refusal: "refusal",
};

/**
 * A `message` object.
 * @see https://docs.claude.com/en/api/messages
 */
export function formatAnthropicJson(reply: GeneratedReply, meta: ReplyMeta): JsonObject {
  const content = blocks(reply).map((block) =>
    block.type === "thinking"
      ? { type: "thinking", thinking: block.reasoning.text, signature: meta.signer.sign(block.reasoning.text) }
      : block.type === "text"
        ? { type: "text", text: reply.text }
        : { type: "tool_use", id: block.id, name: block.call.name, input: block.call.arguments ?? {} },
  );
  return message(reply, meta, { content, stop_reason: stopReasons[reply.finish], stop_sequence: reply.stopSequence ?? null, output_tokens: outputTokens(reply) });
}

/**
 * The Messages event stream: `message_start`, per block `content_block_start` / deltas /
 * `content_block_stop` (a `ping` after the first start), `message_delta` with the cumulative
 * usage, `message_stop`.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */
export function formatAnthropicStream(reply: GeneratedReply, meta: ReplyMeta): SseFrame[] {
  const event = (data: JsonObject & { type: string }): SseFrame => ({ event: data.type, data: JSON.stringify(data) });
  const frames = [
    // The real API starts with a 1-token output count and the stop fields unset.
    event({ type: "message_start", message: message(reply, meta, { content: [], stop_reason: null, stop_sequence: null, output_tokens: 1 }) }),
  ];
  const ping = event({ type: "ping" });
  const all = blocks(reply);
  if (all.length === 0) frames.push(ping);
  all.forEach((block, index) => {
    const delta = (payload: JsonObject): SseFrame => event({ type: "content_block_delta", index, delta: payload });
    if (block.type === "thinking") {
      frames.push(event({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } }));
      frames.push(...block.reasoning.pieces.map((piece) => delta({ type: "thinking_delta", thinking: piece })));
      frames.push(delta({ type: "signature_delta", signature: meta.signer.sign(block.reasoning.text) }));
    } else if (block.type === "text") {
      frames.push(event({ type: "content_block_start", index, content_block: { type: "text", text: "" } }));
      frames.push(...reply.textPieces.map((piece) => delta({ type: "text_delta", text: piece })));
    } else {
      frames.push(event({ type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.call.name, input: {} } }));
      frames.push(...["", ...block.call.fragments].map((fragment) => delta({ type: "input_json_delta", partial_json: fragment })));
    }
    frames.push(event({ type: "content_block_stop", index }));
  });
  // Anthropic pings right after the first block starts.
  if (all.length > 0) frames.splice(2, 0, ping);
  frames.push(
    event({ type: "message_delta", delta: { stop_reason: stopReasons[reply.finish], stop_sequence: reply.stopSequence ?? null }, usage: { ...inputUsage(reply), output_tokens: outputTokens(reply) } }),
    event({ type: "message_stop" }),
  );
  return frames;
}

type Block =
  | { readonly type: "thinking"; readonly reasoning: NonNullable<GeneratedReply["reasoning"]> }
  | { readonly type: "text" }
  | { readonly type: "tool_use"; readonly id: string; readonly call: GeneratedReply["toolCalls"][number] };

/** Thinking first, then text, then tool calls: the order Claude answers in. */
function blocks(reply: GeneratedReply): Block[] {
  return [
    ...(reply.reasoning ? [{ type: "thinking" as const, reasoning: reply.reasoning }] : []),
    ...(reply.text !== "" ? [{ type: "text" as const }] : []),
    ...reply.toolCalls.map((call) => ({ type: "tool_use" as const, id: randomId("toolu_01", 22), call })),
  ];
}

/** The `message` object, in the key order Anthropic sends. */
function message(
  reply: GeneratedReply,
  meta: ReplyMeta,
  { content, stop_reason, stop_sequence, output_tokens }: { content: unknown[]; stop_reason: string | null; stop_sequence: string | null; output_tokens: number },
): JsonObject {
  return {
    id: randomId("msg_01", 22),
    type: "message",
    role: "assistant",
    model: meta.model,
    content,
    stop_reason,
    stop_sequence,
    usage: { ...inputUsage(reply), cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 }, output_tokens, service_tier: "standard" },
  };
}

function inputUsage(reply: GeneratedReply): JsonObject {
  return { input_tokens: reply.usage.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

/** Anthropic counts thinking in `output_tokens`. */
function outputTokens(reply: GeneratedReply): number {
  return reply.usage.outputTokens + reply.usage.reasoningTokens;
}
