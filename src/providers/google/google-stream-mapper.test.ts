import type { GenerateContentResponse } from "@google/genai";
import { describe, expect, it } from "vitest";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { GoogleStreamMapper } from "./google-stream-mapper.js";

function chunk(body: object): GenerateContentResponse {
  return body as GenerateContentResponse;
}

function mapAll(chunks: GenerateContentResponse[]): { parts: ProviderStreamPart[]; mapper: GoogleStreamMapper } {
  const mapper = new GoogleStreamMapper();
  return { parts: chunks.flatMap((c) => mapper.map(c)), mapper };
}

describe("GoogleStreamMapper", () => {
  it("emits text and reasoning deltas, and takes usage from the last chunk", () => {
    const chunks = [
      chunk({ responseId: "r1", modelVersion: "gemini-2.5-flash", candidates: [{ content: { parts: [{ text: "Hmm", thought: true }] } }], usageMetadata: { promptTokenCount: 15 } }),
      chunk({ responseId: "r1", candidates: [{ content: { parts: [{ text: "Hel" }] } }], usageMetadata: { promptTokenCount: 15 } }),
      chunk({
        responseId: "r1",
        candidates: [{ content: { parts: [{ text: "lo", thoughtSignature: "sig" }] }, finishReason: "STOP" }],
        usageMetadata: { promptTokenCount: 13, candidatesTokenCount: 2, thoughtsTokenCount: 4, totalTokenCount: 19 },
      }),
    ];
    const { parts, mapper } = mapAll(chunks);
    expect(parts).toEqual([
      { type: "response-metadata", id: "r1", model: "gemini-2.5-flash" },
      { type: "reasoning-delta", text: "Hmm" },
      { type: "text-delta", text: "Hel" },
      { type: "text-delta", text: "lo" },
    ]);
    expect(mapper.finished).toBe(true);
    expect(mapper.finish()).toEqual({
      type: "finish",
      finishReason: "stop",
      rawFinishReason: "STOP",
      usage: { inputTokens: 13, outputTokens: 6, totalTokens: 19, cachedInputTokens: 0, reasoningTokens: 4 },
      raw: chunks,
      id: "r1",
      model: "gemini-2.5-flash",
      providerMetadata: { google: { thoughtSignature: "sig" } },
    });
  });

  it("emits each whole function call as one delta and an end, with dense indexes", () => {
    const { parts, mapper } = mapAll([
      chunk({ candidates: [{ content: { parts: [{ text: "Checking." }] } }] }),
      chunk({
        candidates: [
          {
            content: {
              parts: [
                { functionCall: { name: "weather", args: { city: "Paris" } }, thoughtSignature: "s1" },
                { functionCall: { id: "fc-2", name: "weather", args: { city: "Rome" } } },
              ],
            },
            finishReason: "STOP",
          },
        ],
      }),
    ]);
    expect(parts).toEqual([
      { type: "response-metadata" },
      { type: "text-delta", text: "Checking." },
      { type: "tool-call-delta", index: 0, name: "weather", argumentsDelta: '{"city":"Paris"}' },
      { type: "tool-call-end", index: 0, providerMetadata: { google: { thoughtSignature: "s1" } } },
      { type: "tool-call-delta", index: 1, id: "fc-2", name: "weather", argumentsDelta: '{"city":"Rome"}' },
      { type: "tool-call-end", index: 1 },
    ]);
    expect(mapper.finish()).toMatchObject({ finishReason: "tool_calls", rawFinishReason: "STOP" });
  });

  it("assembles streamed arguments (partialArgs) and closes the call on the part without willContinue", () => {
    const { parts } = mapAll([
      chunk({ candidates: [{ content: { parts: [{ functionCall: { name: "plan", willContinue: true }, thoughtSignature: "s" }] } }] }),
      chunk({
        candidates: [
          {
            content: {
              parts: [
                {
                  functionCall: {
                    partialArgs: [
                      { jsonPath: "$.city", stringValue: "San ", willContinue: true },
                      { jsonPath: "$.days", numberValue: 2 },
                    ],
                    willContinue: true,
                  },
                },
              ],
            },
          },
        ],
      }),
      chunk({ candidates: [{ content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: "$.city", stringValue: "Francisco" }] } }] } }] }),
      chunk({ candidates: [{ content: { parts: [{ text: "Done" }] }, finishReason: "STOP" }] }),
    ]);
    expect(parts).toEqual([
      { type: "response-metadata" },
      { type: "tool-call-delta", index: 0, name: "plan", argumentsDelta: "" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city":"San Francisco","days":2}' },
      { type: "tool-call-end", index: 0, providerMetadata: { google: { thoughtSignature: "s" } } },
      { type: "text-delta", text: "Done" },
    ]);
  });

  it("closes a streamed call still open when the candidate finishes", () => {
    const { parts } = mapAll([
      chunk({ candidates: [{ content: { parts: [{ functionCall: { name: "f", willContinue: true } }] } }] }),
      chunk({
        candidates: [
          { content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: "$.a", boolValue: true }], willContinue: true } }] }, finishReason: "MAX_TOKENS" },
        ],
      }),
    ]);
    expect(parts.slice(2)).toEqual([
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"a":true}' },
      { type: "tool-call-end", index: 0 },
    ]);
  });

  it("finishes a stream whose prompt was blocked as content_filter", () => {
    const { mapper } = mapAll([chunk({ promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } })]);
    expect(mapper.finished).toBe(true);
    expect(mapper.finish()).toMatchObject({ finishReason: "content_filter", rawFinishReason: "SAFETY" });
  });

  it("is not finished without a finish reason", () => {
    const { mapper } = mapAll([chunk({ candidates: [{ content: { parts: [{ text: "cut" }] } }] })]);
    expect(mapper.finished).toBe(false);
  });

  it("follows candidate 0 only", () => {
    const { parts } = mapAll([
      chunk({ candidates: [{ index: 1, content: { parts: [{ text: "other" }] } }] }),
      chunk({ candidates: [{ index: 0, content: { parts: [{ text: "mine" }] }, finishReason: "STOP" }] }),
    ]);
    expect(parts).toEqual([{ type: "response-metadata" }, { type: "text-delta", text: "mine" }]);
  });
});
