import { describe, expect, it } from "vitest";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { Message } from "../../core/types/message.js";
import { answersTurnWithoutThinking, convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";

const thinking = { type: "thinking", thinking: "Need the weather first.", signature: "EqQBCkYIBxgCKkD" };
const redacted = { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix" };

describe("convertToAnthropicMessages", () => {
  it("lifts system messages, wherever they stand, into one system text", () => {
    expect(
      convertToAnthropicMessages([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "system", content: [{ type: "text", text: "Answer in " }, { type: "text", text: "French." }] },
      ]),
    ).toEqual({ system: "Be brief.\n\nAnswer in French.", messages: [{ role: "user", content: "Hi" }] });
  });

  it("has no system text without system messages", () => {
    expect(convertToAnthropicMessages([{ role: "user", content: "Hi" }]).system).toBeUndefined();
  });

  it("replays a multi-turn tool conversation: thinking, text, tool_use, then ONE user turn of results", () => {
    const messages: Message[] = [
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: "Checking both.",
        toolCalls: [
          { id: "toolu_1", name: "get_weather", arguments: { city: "Paris" }, argumentsText: '{"city":"Paris"}' },
          { id: "toolu_2", name: "get_weather", argumentsText: '{"city":"Rome"}' },
        ],
        providerMetadata: { anthropic: { thinking: [thinking, redacted] } },
      },
      { role: "tool", toolCallId: "toolu_1", content: "18°C" },
      { role: "tool", toolCallId: "toolu_2", content: [{ type: "text", text: "no data" }], isError: true },
      { role: "user", content: "Thanks!" },
    ];
    expect(convertToAnthropicMessages(messages).messages).toEqual([
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: [
          thinking,
          redacted,
          { type: "text", text: "Checking both." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18°C" },
          { type: "tool_result", tool_use_id: "toolu_2", content: "no data", is_error: true },
        ],
      },
      { role: "user", content: "Thanks!" },
    ]);
  });

  it("does not merge tool results across a turn in between", () => {
    const { messages } = convertToAnthropicMessages([
      { role: "tool", toolCallId: "a", content: "1" },
      { role: "system", content: "Note" },
      { role: "tool", toolCallId: "b", content: "" },
      { role: "assistant", content: "ok" },
      { role: "tool", toolCallId: "c", content: "3" },
    ]);
    expect(messages).toEqual([
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "a", content: "1" },
          { type: "tool_result", tool_use_id: "b" },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "ok" }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "c", content: "3" }] },
    ]);
  });

  it("sends tool calls without text, and leaves out an assistant turn with nothing in it", () => {
    const { messages } = convertToAnthropicMessages([
      { role: "user", content: "a" },
      { role: "assistant", content: null, toolCalls: [{ id: "t", name: "f" }] },
      { role: "assistant", content: "" },
    ]);
    expect(messages).toEqual([
      { role: "user", content: "a" },
      { role: "assistant", content: [{ type: "tool_use", id: "t", name: "f", input: {} }] },
    ]);
  });

  it("skips stored thinking entries that are not intact blocks", () => {
    const { messages } = convertToAnthropicMessages([
      {
        role: "assistant",
        content: "x",
        providerMetadata: { anthropic: { thinking: [{ type: "thinking", thinking: "no signature" }, "junk", thinking] }, google: { a: 1 } },
      },
    ]);
    expect(messages).toEqual([{ role: "assistant", content: [thinking, { type: "text", text: "x" }] }]);
  });

  it("converts images by URL, inline and as data: URLs", () => {
    const { messages } = convertToAnthropicMessages([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", url: "https://example.com/cat.png" },
          { type: "image", data: new Uint8Array([1, 2, 3]), mediaType: "image/png" },
          { type: "image", url: "data:image/jpeg;base64,/9j/4AAQ" },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "text", text: "What is this?" },
      { type: "image", source: { type: "url", url: "https://example.com/cat.png" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "AQID" } },
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } },
    ]);
  });

  it("converts PDFs inline and by URL, and text files to plain-text documents", () => {
    const { messages } = convertToAnthropicMessages([
      {
        role: "user",
        content: [
          { type: "file", data: "JVBERi0x", mediaType: "application/pdf", filename: "report.pdf" },
          { type: "file", url: "https://example.com/paper.pdf", mediaType: "application/pdf" },
          { type: "file", data: btoa("hello, world"), mediaType: "text/plain", filename: "notes.txt" },
          { type: "file", data: new TextEncoder().encode("# Title"), mediaType: "text/markdown" },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0x" }, title: "report.pdf" },
      { type: "document", source: { type: "url", url: "https://example.com/paper.pdf" } },
      { type: "document", source: { type: "text", media_type: "text/plain", data: "hello, world" }, title: "notes.txt" },
      { type: "document", source: { type: "text", media_type: "text/plain", data: "# Title" } },
    ]);
  });

  it.each([
    [{ type: "file", data: "AAAA", mediaType: "audio/wav" }, "messages[0].content[1].mediaType", /audio\/wav/],
    [{ type: "file", url: "https://example.com/a.txt", mediaType: "text/plain" }, "messages[0].content[1]", /only PDFs by URL/],
    [{ type: "image", data: "AAAA", mediaType: "image/bmp" }, "messages[0].content[1].mediaType", /image\/bmp/],
  ] as const)("rejects content the API cannot take, naming the part (%#)", (part, path, message) => {
    const convert = () => convertToAnthropicMessages([{ role: "user", content: [{ type: "text", text: "see" }, part] }]);
    expect(convert).toThrow(ValidationError);
    try {
      convert();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([{ path, message: expect.stringMatching(message) as string }]);
    }
  });

  it("sends no other provider's data: Gemini thought signatures are dropped", () => {
    const { messages } = convertToAnthropicMessages([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "Checking.",
        providerMetadata: { google: { thoughtSignature: "Cs0BAdHt" }, openai: { reasoning: "x" } },
        toolCalls: [{ id: "call_1", name: "get_weather", arguments: {}, providerMetadata: { google: { thoughtSignature: "Cs0BAdHt" } } }],
      },
    ]);
    expect(messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "text", text: "Checking." },
        { type: "tool_use", id: "call_1", name: "get_weather", input: {} },
      ],
    });
  });

  it("tells when tool results answer a turn that does not start with thinking", () => {
    const call = { id: "call_1", name: "f", arguments: {} };
    const answered = (assistant: Message) => answersTurnWithoutThinking(convertToAnthropicMessages([{ role: "user", content: "Hi" }, assistant, { role: "tool", toolCallId: "call_1", content: "ok" }]).messages);
    expect(answered({ role: "assistant", toolCalls: [call] })).toBe(true);
    expect(answered({ role: "assistant", toolCalls: [call], providerMetadata: { anthropic: { thinking: [thinking] } } })).toBe(false);
    expect(answered({ role: "assistant", toolCalls: [call], providerMetadata: { anthropic: { thinking: [redacted] } } })).toBe(false);
    expect(answersTurnWithoutThinking(convertToAnthropicMessages([{ role: "user", content: "Hi" }]).messages)).toBe(false);
  });
});
