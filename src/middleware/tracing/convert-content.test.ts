import { describe, expect, it } from "vitest";
import type { ChatResponse } from "../../core/types/chat-response.js";
import { inputContent, outputContent } from "./convert-content.js";

describe("inputContent", () => {
  it("splits system instructions from the conversation, in the conventions' parts", () => {
    const { system, messages } = inputContent({
      model: "openai/gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", url: "https://example.com/a.png" }, { type: "image", data: "AAAA", mediaType: "image/png" }] },
        { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "look", arguments: { q: 1 } }] },
        { role: "tool", toolCallId: "c1", content: "a cat" },
      ],
    });
    expect(JSON.parse(system ?? "")).toEqual([{ type: "text", content: "Be brief." }]);
    expect(JSON.parse(messages)).toEqual([
      { role: "user", parts: [{ type: "text", content: "What is this?" }, { type: "uri", modality: "image", uri: "https://example.com/a.png" }, { type: "blob", modality: "image", mime_type: "image/png" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "look", arguments: { q: 1 } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "c1", response: "a cat" }] },
    ]);
    expect(messages).not.toContain("AAAA");
  });

  it("has no system instructions when there is no system message", () => {
    expect(inputContent({ model: "m", messages: [{ role: "user", content: "Hi" }] }).system).toBeUndefined();
  });
});

describe("outputContent", () => {
  it("is one assistant message with the conventions' finish reason", () => {
    const response = { text: "Hi", reasoning: "think", toolCalls: [{ id: "t", name: "f", arguments: {}, argumentsText: "{}" }], finishReason: "tool_calls" } as unknown as ChatResponse;
    expect(JSON.parse(outputContent(response))).toEqual([
      { role: "assistant", parts: [{ type: "reasoning", content: "think" }, { type: "text", content: "Hi" }, { type: "tool_call", id: "t", name: "f", arguments: {} }], finish_reason: "tool_call" },
    ]);
  });
});
