import type { GenerateContentResponse } from "@google/genai";
import { describe, expect, it } from "vitest";
import { mapGoogleResponse } from "./map-google-response.js";

const usage = { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 3, totalTokenCount: 18 };
const mappedUsage = { inputTokens: 10, outputTokens: 8, totalTokens: 18, cachedInputTokens: 0, reasoningTokens: 3 };

function response(body: object): GenerateContentResponse {
  return body as GenerateContentResponse;
}

describe("mapGoogleResponse", () => {
  it("splits text from thought summaries and keeps a text part's signature on the message", () => {
    const raw = response({
      responseId: "r1",
      modelVersion: "gemini-3-pro-preview",
      candidates: [
        {
          content: {
            role: "model",
            parts: [
              { text: "Thinking...", thought: true },
              { text: "Hello", thoughtSignature: "sig-1" },
              { text: " world" },
            ],
          },
          finishReason: "STOP",
        },
      ],
      usageMetadata: usage,
    });
    expect(mapGoogleResponse(raw)).toEqual({
      id: "r1",
      model: "gemini-3-pro-preview",
      text: "Hello world",
      reasoning: "Thinking...",
      toolCalls: [],
      finishReason: "stop",
      rawFinishReason: "STOP",
      usage: mappedUsage,
      raw,
      providerMetadata: { google: { thoughtSignature: "sig-1" } },
    });
  });

  it("maps function calls with their signatures and ids, inferring tool_calls from STOP", () => {
    const raw = response({
      candidates: [
        {
          content: {
            role: "model",
            parts: [
              { functionCall: { name: "weather", args: { city: "Paris" } }, thoughtSignature: "sig-call" },
              { functionCall: { id: "fc-2", name: "clock" } },
            ],
          },
          finishReason: "STOP",
        },
      ],
    });
    expect(mapGoogleResponse(raw)).toMatchObject({
      text: "",
      toolCalls: [
        { name: "weather", argumentsText: '{"city":"Paris"}', providerMetadata: { google: { thoughtSignature: "sig-call" } } },
        { id: "fc-2", name: "clock", argumentsText: "{}" },
      ],
      finishReason: "tool_calls",
      rawFinishReason: "STOP",
    });
    expect(mapGoogleResponse(raw).toolCalls[0]).not.toHaveProperty("id");
    expect(mapGoogleResponse(raw)).not.toHaveProperty("providerMetadata");
  });

  it("reports a blocked prompt as content_filter with the block reason", () => {
    const raw = response({ promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 } });
    expect(mapGoogleResponse(raw)).toEqual({
      text: "",
      toolCalls: [],
      finishReason: "content_filter",
      rawFinishReason: "PROHIBITED_CONTENT",
      usage: { inputTokens: 7, outputTokens: 0, totalTokens: 7, cachedInputTokens: 0, reasoningTokens: 0 },
      raw,
    });
  });

  it("normalises only the first candidate", () => {
    const raw = response({
      candidates: [
        { index: 0, content: { parts: [{ text: "one" }] }, finishReason: "STOP" },
        { index: 1, content: { parts: [{ text: "two" }] }, finishReason: "MAX_TOKENS" },
      ],
    });
    expect(mapGoogleResponse(raw)).toMatchObject({ text: "one", finishReason: "stop", raw });
  });
});
