import { describe, expect, it } from "vitest";
import { convertToOpenAIMessages } from "./convert-to-openai-messages.js";

describe("convertToOpenAIMessages", () => {
  it("sends an assistant turn from another provider with the standard fields only: reasoning and signatures stay behind", () => {
    const messages = convertToOpenAIMessages([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        providerMetadata: { anthropic: { thinking: [{ type: "thinking", thinking: "Need the weather.", signature: "EqQBCkYIBxgC" }] } },
        toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: { city: "Oslo" }, providerMetadata: { google: { thoughtSignature: "Cs0BAdHt" } } }],
      },
      { role: "tool", toolCallId: "toolu_1", content: '{"temp": 21}' },
    ]);
    expect(messages).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "toolu_1", content: '{"temp": 21}' },
    ]);
  });
});
