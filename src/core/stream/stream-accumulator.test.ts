import { describe, expect, it } from "vitest";
import { StreamAccumulator } from "./stream-accumulator.js";

const usage = { inputTokens: 3, outputTokens: 4, totalTokens: 7 };

describe("StreamAccumulator", () => {
  it("passes content parts through and folds them into the result", () => {
    const acc = new StreamAccumulator();
    expect(acc.accept({ type: "response-metadata", id: "r1", model: "m", requestId: "req_1" })).toBeUndefined();
    expect(acc.accept({ type: "reasoning-delta", text: "think " })).toEqual({ type: "reasoning-delta", text: "think " });
    acc.accept({ type: "text-delta", text: "Hel" });
    acc.accept({ type: "text-delta", text: "lo" });
    acc.accept({ type: "refusal-delta", text: "no" });
    const { events, result } = acc.finish({ type: "finish", finishReason: "stop", rawFinishReason: "end_turn", usage, raw: ["chunk"] });
    expect(events).toEqual([]);
    expect(result).toEqual({
      id: "r1",
      model: "m",
      text: "Hello",
      reasoning: "think ",
      refusal: "no",
      toolCalls: [],
      finishReason: "stop",
      rawFinishReason: "end_turn",
      usage,
      raw: ["chunk"],
      warnings: [],
      requestId: "req_1",
    });
  });

  it("assembles tool calls from fragments and completes them on end", () => {
    const acc = new StreamAccumulator();
    acc.accept({ type: "tool-call-delta", index: 0, id: "call_a", name: "get", argumentsDelta: "" });
    acc.accept({ type: "tool-call-delta", index: 0, argumentsDelta: '{"city":' });
    acc.accept({ type: "tool-call-delta", index: 0, argumentsDelta: '"Paris"}' });
    expect(acc.accept({ type: "tool-call-end", index: 0 })).toEqual({
      type: "tool-call",
      toolCall: { id: "call_a", name: "get", arguments: { city: "Paris" }, argumentsText: '{"city":"Paris"}' },
    });
    const { events, result } = acc.finish({ type: "finish", finishReason: "tool_calls", rawFinishReason: "tool_use", usage, raw: [] });
    expect(events).toEqual([]);
    expect(result.toolCalls).toEqual([{ id: "call_a", name: "get", argumentsText: '{"city":"Paris"}' }]);
  });

  it("gives id-less calls a synthesised id from their first event on", () => {
    const acc = new StreamAccumulator();
    const first = acc.accept({ type: "tool-call-delta", index: 0, name: "f", argumentsDelta: "{}" });
    expect(first).toMatchObject({ type: "tool-call-delta", index: 0, name: "f", id: expect.stringMatching(/^call_/) as string });
    const end = acc.accept({ type: "tool-call-end", index: 0 });
    expect(end).toMatchObject({ toolCall: { id: (first as { id: string }).id } });
  });

  it("completes a call the provider never closed as truncated, at finish", () => {
    const acc = new StreamAccumulator();
    acc.accept({ type: "tool-call-delta", index: 0, id: "t", name: "make_file", argumentsDelta: '{"lines": ["a' });
    const { events } = acc.finish({ type: "finish", finishReason: "length", rawFinishReason: "max_tokens", usage, raw: [] });
    expect(events).toEqual([
      {
        type: "tool-call",
        toolCall: { id: "t", name: "make_file", arguments: undefined, argumentsText: '{"lines": ["a', truncated: true },
      },
    ]);
  });
});
