import type { Message } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import { mapAnthropicResponse } from "./map-anthropic-response.js";

const usage = { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 5 };

function message(content: unknown[], extra: Record<string, unknown> = {}): Message {
  return { id: "msg_1", type: "message", role: "assistant", model: "claude-x", content, stop_reason: "end_turn", stop_sequence: null, usage, ...extra } as Message;
}

describe("mapAnthropicResponse", () => {
  it("concatenates text blocks and maps stop reason and usage", () => {
    const raw = message([
      { type: "text", text: "Hello" },
      { type: "text", text: " there" },
    ]);
    expect(mapAnthropicResponse(raw)).toEqual({
      id: "msg_1",
      model: "claude-x",
      text: "Hello there",
      toolCalls: [],
      finishReason: "stop",
      rawFinishReason: "end_turn",
      usage: { inputTokens: 15, outputTokens: 20, totalTokens: 35, cachedInputTokens: 5, cacheWriteInputTokens: 0 },
      raw,
    });
  });

  it("joins thinking into reasoning and keeps every thinking block, as received, for the next turn", () => {
    const first = { type: "thinking", thinking: "First.", signature: "sig1" };
    const hidden = { type: "redacted_thinking", data: "opaque" };
    const second = { type: "thinking", thinking: "Second.", signature: "sig2" };
    const result = mapAnthropicResponse(
      message([first, hidden, { type: "text", text: "Let me look." }, second, { type: "tool_use", id: "toolu_9", name: "lookup", input: { q: "x" } }], {
        stop_reason: "tool_use",
      }),
    );
    expect(result).toMatchObject({
      text: "Let me look.",
      reasoning: "First.\n\nSecond.",
      toolCalls: [{ id: "toolu_9", name: "lookup", argumentsText: '{"q":"x"}' }],
      finishReason: "tool_calls",
      rawFinishReason: "tool_use",
      providerMetadata: { anthropic: { thinking: [first, hidden, second] } },
    });
  });

  it("reports the refusal explanation with stop_reason refusal", () => {
    const result = mapAnthropicResponse(
      message([], { stop_reason: "refusal", stop_details: { type: "refusal", category: "cyber", explanation: "This could enable malware." } }),
    );
    expect(result).toMatchObject({ text: "", refusal: "This could enable malware.", finishReason: "refusal", rawFinishReason: "refusal" });
  });

  it("keeps an empty raw stop reason and skips blocks it does not normalise", () => {
    const result = mapAnthropicResponse(
      message([{ type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} }, { type: "text", text: "x" }], { stop_reason: null }),
    );
    expect(result).toMatchObject({ text: "x", toolCalls: [], finishReason: "other", rawFinishReason: "" });
    expect(result).not.toHaveProperty("providerMetadata");
    expect(result).not.toHaveProperty("reasoning");
  });
});
