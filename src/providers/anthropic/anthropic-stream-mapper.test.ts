import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";

const start = {
  type: "message_start",
  message: {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-x",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 100, cache_creation_input_tokens: 10, cache_read_input_tokens: 20, output_tokens: 1 },
  },
};
const stop = (index: number) => ({ type: "content_block_stop", index });
const delta = (index: number, d: object) => ({ type: "content_block_delta", index, delta: d });
const end = (reason: string, usage: object = { output_tokens: 50 }, extra: object = {}) => ({
  type: "message_delta",
  delta: { stop_reason: reason, stop_sequence: null, ...extra },
  usage,
});

function run(events: readonly object[]): { mapper: AnthropicStreamMapper; parts: ProviderStreamPart[] } {
  const mapper = new AnthropicStreamMapper();
  const parts = events.flatMap((event) => mapper.map(event as RawMessageStreamEvent));
  return { mapper, parts };
}

describe("AnthropicStreamMapper", () => {
  it("maps text and a tool call; the tool's start input is replaced by its JSON deltas", () => {
    const { mapper, parts } = run([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      delta(0, { type: "text_delta", text: "Checking." }),
      stop(0),
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} } },
      delta(1, { type: "input_json_delta", partial_json: "" }),
      delta(1, { type: "input_json_delta", partial_json: '{"city":' }),
      delta(1, { type: "input_json_delta", partial_json: '"Paris"}' }),
      stop(1),
      end("tool_use"),
      { type: "message_stop" },
    ]);
    expect(parts).toEqual([
      { type: "response-metadata", id: "msg_1", model: "claude-x" },
      { type: "text-delta", text: "Checking." },
      { type: "tool-call-delta", index: 0, id: "toolu_1", name: "get_weather", argumentsDelta: "" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 0, argumentsDelta: '"Paris"}' },
      { type: "tool-call-end", index: 0 },
    ]);
    expect(mapper.finished).toBe(true);
    expect(mapper.finish()).toEqual({
      type: "finish",
      finishReason: "tool_calls",
      rawFinishReason: "tool_use",
      usage: { inputTokens: 130, outputTokens: 50, totalTokens: 180, cachedInputTokens: 20, cacheWriteInputTokens: 10 },
      raw: expect.any(Array) as unknown,
      id: "msg_1",
      model: "claude-x",
    });
    expect((mapper.finish() as { raw: unknown[] }).raw).toHaveLength(11);
  });

  it("numbers tool calls densely from 0 whatever their block index", () => {
    const { parts } = run([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
      stop(0),
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "a", name: "f", input: {} } },
      { type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "b", name: "g", input: {} } },
      delta(2, { type: "input_json_delta", partial_json: "{}" }),
      stop(2),
      stop(1),
    ]);
    expect(parts.filter((p) => p.type.startsWith("tool-call"))).toEqual([
      { type: "tool-call-delta", index: 0, id: "a", name: "f", argumentsDelta: "" },
      { type: "tool-call-delta", index: 1, id: "b", name: "g", argumentsDelta: "" },
      { type: "tool-call-delta", index: 1, argumentsDelta: "{}" },
      { type: "tool-call-end", index: 1 },
      { type: "tool-call-end", index: 0 },
    ]);
  });

  it("streams thinking as reasoning, a later block set apart, and keeps the signed blocks", () => {
    const hidden = { type: "redacted_thinking", data: "opaque" };
    const { mapper, parts } = run([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
      delta(0, { type: "thinking_delta", thinking: "First" }),
      delta(0, { type: "thinking_delta", thinking: "" }),
      delta(0, { type: "signature_delta", signature: "sig-1" }),
      stop(0),
      { type: "content_block_start", index: 1, content_block: hidden },
      stop(1),
      { type: "content_block_start", index: 2, content_block: { type: "thinking", thinking: "", signature: "" } },
      delta(2, { type: "thinking_delta", thinking: "Second" }),
      delta(2, { type: "signature_delta", signature: "sig-2" }),
      stop(2),
      { type: "content_block_start", index: 3, content_block: { type: "text", text: "" } },
      delta(3, { type: "text_delta", text: "Answer" }),
      stop(3),
      end("end_turn"),
    ]);
    expect(parts.filter((p) => p.type === "reasoning-delta" || p.type === "text-delta")).toEqual([
      { type: "reasoning-delta", text: "First" },
      { type: "reasoning-delta", text: "\n\nSecond" },
      { type: "text-delta", text: "Answer" },
    ]);
    expect(mapper.finish()).toMatchObject({
      providerMetadata: {
        anthropic: {
          thinking: [{ type: "thinking", thinking: "First", signature: "sig-1" }, hidden, { type: "thinking", thinking: "Second", signature: "sig-2" }],
        },
      },
    });
  });

  it("leaves a tool call cut off by max_tokens open for core to complete as truncated", () => {
    const { mapper, parts } = run([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_cut", name: "make_file", input: {} } },
      delta(0, { type: "input_json_delta", partial_json: '{"lines": ["a' }),
      end("max_tokens", { output_tokens: 124 }),
      { type: "message_stop" },
    ]);
    expect(parts.some((p) => p.type === "tool-call-end")).toBe(false);
    expect(mapper.finished).toBe(true);
    expect(mapper.finish()).toMatchObject({ finishReason: "length", rawFinishReason: "max_tokens" });
  });

  it("merges message_delta usage over message_start's, field by field", () => {
    const { mapper } = run([start, end("end_turn", { input_tokens: null, cache_read_input_tokens: 25, output_tokens: 7, output_tokens_details: { thinking_tokens: 3 } })]);
    expect(mapper.finish()).toMatchObject({
      usage: { inputTokens: 135, outputTokens: 7, totalTokens: 142, cachedInputTokens: 25, cacheWriteInputTokens: 10, reasoningTokens: 3 },
    });
  });

  it("reports a refusal's explanation as a refusal delta", () => {
    const { parts, mapper } = run([
      start,
      end("refusal", { output_tokens: 2 }, { stop_details: { type: "refusal", category: "bio", explanation: "Not able to help with that." } }),
    ]);
    expect(parts.at(-1)).toEqual({ type: "refusal-delta", text: "Not able to help with that." });
    expect(mapper.finish()).toMatchObject({ finishReason: "refusal", rawFinishReason: "refusal" });
  });

  it("is not finished without a stop reason, and ignores events it does not know", () => {
    const { mapper, parts } = run([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "server_tool_use", id: "s", name: "web_search", input: {} } },
      delta(0, { type: "input_json_delta", partial_json: '{"q":1}' }),
      stop(0),
      { type: "brand_new_event", payload: 1 },
    ]);
    expect(parts).toEqual([{ type: "response-metadata", id: "msg_1", model: "claude-x" }]);
    expect(mapper.finished).toBe(false);
    expect(mapper.finish()).toMatchObject({ finishReason: "other", rawFinishReason: "" });
  });
});
