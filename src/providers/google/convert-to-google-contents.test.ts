import { describe, expect, it } from "vitest";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { Message } from "../../core/types/message.js";
import { convertToGoogleContents, GEMINI_SKIP_THOUGHT_SIGNATURE } from "./convert-to-google-contents.js";

describe("convertToGoogleContents", () => {
  it("moves every system message into the system instruction", () => {
    expect(
      convertToGoogleContents([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "system", content: [{ type: "text", text: "Answer in French." }] },
      ]),
    ).toEqual({
      systemInstruction: "Be brief.\n\nAnswer in French.",
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
    });
  });

  it("sends images and files inline or by URI, guessing an image URL's type from its extension", () => {
    const { contents } = convertToGoogleContents([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", data: new Uint8Array([1, 2, 3]), mediaType: "image/png" },
          { type: "image", data: "AAAA", mediaType: "image/webp" },
          { type: "image", url: "https://example.com/cat.PNG?size=large" },
          { type: "image", url: "https://example.com/photo.webp" },
          { type: "image", url: "https://example.com/render" },
          { type: "image", url: "gs://bucket/cat.gif", mediaType: "image/gif" },
          { type: "image", url: "data:image/png;base64,iVBORw0=" },
          { type: "file", data: "JVBERi0=", mediaType: "application/pdf", filename: "a.pdf" },
          { type: "file", url: "https://generativelanguage.googleapis.com/v1beta/files/abc", mediaType: "application/pdf" },
        ],
      },
    ]);
    expect(contents).toEqual([
      {
        role: "user",
        parts: [
          { text: "What is this?" },
          { inlineData: { mimeType: "image/png", data: "AQID" } },
          { inlineData: { mimeType: "image/webp", data: "AAAA" } },
          { fileData: { fileUri: "https://example.com/cat.PNG?size=large", mimeType: "image/png" } },
          { fileData: { fileUri: "https://example.com/photo.webp", mimeType: "image/webp" } },
          { fileData: { fileUri: "https://example.com/render", mimeType: "image/jpeg" } },
          { fileData: { fileUri: "gs://bucket/cat.gif", mimeType: "image/gif" } },
          { inlineData: { mimeType: "image/png", data: "iVBORw0=" } },
          { inlineData: { mimeType: "application/pdf", data: "JVBERi0=" } },
          { fileData: { fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc", mimeType: "application/pdf" } },
        ],
      },
    ]);
  });

  it("replays tool calls with their thought signatures and answers them by name, merging parallel results", () => {
    const { contents } = convertToGoogleContents([
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: "Let me check.",
        providerMetadata: { google: { thoughtSignature: "sig-text" } },
        toolCalls: [
          {
            id: "call_1",
            name: "weather",
            arguments: { city: "Paris" },
            argumentsText: '{"city":"Paris"}',
            providerMetadata: { google: { thoughtSignature: "sig-call" } },
          },
          { id: "call_2", name: "weather", argumentsText: '{"city":"Rome"}' },
          { id: "call_3", name: "clock", arguments: { tz: "CET" } },
        ],
      },
      { role: "tool", toolCallId: "call_2", content: '{"temp":21}' },
      { role: "tool", toolCallId: "call_1", content: [{ type: "text", text: "sunny" }] },
      { role: "tool", toolCallId: "call_3", content: "no clock", isError: true },
      { role: "user", content: "Thanks" },
    ]);
    expect(contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Rome?" }] },
      {
        role: "model",
        parts: [
          { text: "Let me check.", thoughtSignature: "sig-text" },
          { functionCall: { id: "call_1", name: "weather", args: { city: "Paris" } }, thoughtSignature: "sig-call" },
          { functionCall: { id: "call_2", name: "weather", args: { city: "Rome" } } },
          { functionCall: { id: "call_3", name: "clock", args: { tz: "CET" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { id: "call_2", name: "weather", response: { temp: 21 } } },
          { functionResponse: { id: "call_1", name: "weather", response: { result: "sunny" } } },
          { functionResponse: { id: "call_3", name: "clock", response: { error: "no clock" } } },
        ],
      },
      { role: "user", parts: [{ text: "Thanks" }] },
    ]);
  });

  it("keeps the failure flag on a JSON error result and wraps non-object JSON", () => {
    const { contents } = convertToGoogleContents([
      { role: "assistant", toolCalls: [{ id: "a", name: "f", arguments: {} }, { id: "b", name: "g", arguments: {} }] },
      { role: "tool", toolCallId: "a", content: '{"code":42}', isError: true },
      { role: "tool", toolCallId: "b", content: "[1,2]" },
    ]);
    expect(contents[1]).toEqual({
      role: "user",
      parts: [
        { functionResponse: { id: "a", name: "f", response: { error: { code: 42 } } } },
        { functionResponse: { id: "b", name: "g", response: { result: "[1,2]" } } },
      ],
    });
  });

  it("leaves out text parts and turns that would be empty", () => {
    expect(
      convertToGoogleContents([
        { role: "user", content: "Hi" },
        { role: "assistant", content: "", providerMetadata: { google: { thoughtSignature: "lost" } } },
        { role: "assistant", content: null, toolCalls: [{ id: "c", name: "f", argumentsText: "not json" }] },
      ]).contents,
    ).toEqual([
      { role: "user", parts: [{ text: "Hi" }] },
      { role: "model", parts: [{ functionCall: { id: "c", name: "f", args: {} } }] },
    ]);
  });

  it("ignores other providers' metadata", () => {
    const { contents } = convertToGoogleContents([
      { role: "assistant", content: "ok", providerMetadata: { anthropic: { signature: "x" } } },
    ]);
    expect(contents).toEqual([{ role: "model", parts: [{ text: "ok" }] }]);
  });

  it("rejects a tool result that answers no earlier call", () => {
    const convert = () => convertToGoogleContents([{ role: "user", content: "Hi" }, { role: "tool", toolCallId: "nope", content: "x" }]);
    expect(convert).toThrow(ValidationError);
    expect(convert).toThrow(/messages\[1\]\.toolCallId/);
  });

  describe("after a change of provider", () => {
    const question: Message = { role: "user", content: "Weather in Oslo and Rome?" };
    const foreign: Message = {
      role: "assistant",
      providerMetadata: { anthropic: { thinking: [{ type: "thinking", thinking: "Two cities.", signature: "EqQBCkYIBxgC" }] } },
      toolCalls: [
        { id: "toolu_1", name: "get_weather", arguments: { city: "Oslo" } },
        { id: "toolu_2", name: "get_weather", arguments: { city: "Rome" } },
      ],
    };

    it("gives the first function call of a turn Gemini did not sign the documented placeholder", () => {
      const { contents } = convertToGoogleContents([question, foreign], { placeholderSignatures: true });
      expect(GEMINI_SKIP_THOUGHT_SIGNATURE).toBe("skip_thought_signature_validator");
      expect(contents[1]).toEqual({
        role: "model",
        parts: [
          { functionCall: { id: "toolu_1", name: "get_weather", args: { city: "Oslo" } }, thoughtSignature: "skip_thought_signature_validator" },
          { functionCall: { id: "toolu_2", name: "get_weather", args: { city: "Rome" } } },
        ],
      });
    });

    it("keeps Gemini's own signature rather than the placeholder", () => {
      const own: Message = { ...foreign, toolCalls: [{ id: "call_1", name: "get_weather", arguments: {}, providerMetadata: { google: { thoughtSignature: "Cs0BAdHt" } } }] };
      const { contents } = convertToGoogleContents([question, own], { placeholderSignatures: true });
      expect(contents[1]?.parts).toEqual([{ functionCall: { id: "call_1", name: "get_weather", args: {} }, thoughtSignature: "Cs0BAdHt" }]);
    });

    it("sends no placeholder for models that do not check signatures", () => {
      const { contents } = convertToGoogleContents([question, foreign]);
      expect(contents[1]?.parts?.map((part) => part.thoughtSignature)).toEqual([undefined, undefined]);
    });
  });
});
