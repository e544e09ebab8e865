import type { ChatCompletion } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { expectations, readFixtureJson } from "../../../test/helpers/fixtures.js";
import { finalizeToolCall } from "../../core/response/finalize-tool-call.js";
import { mapOpenAIResponse } from "./map-openai-response.js";

const chatFixtures = expectations("openai").filter((e) => e.kind === "chat");

describe("mapOpenAIResponse", () => {
  it.each(chatFixtures.map((e) => [e.fixture, e] as const))("normalises the recorded %s", (_name, expected) => {
    const raw = readFixtureJson<ChatCompletion>("openai", expected.file);
    const result = mapOpenAIResponse(raw);
    expect(result.text).toBe(expected.text);
    expect(result.refusal).toBe(expected.refusal);
    expect(result.finishReason).toBe(expected.finishReason);
    expect(result.rawFinishReason).toBe(expected.rawFinishReason);
    expect(result.usage).toMatchObject(expected.usage ?? {});
    expect(result.model).toBe(expected.strict?.model);
    const calls = result.toolCalls.map(finalizeToolCall);
    expect(calls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(expected.toolCalls);
    if (expected.strict?.toolCallIds) expect(calls.map((c) => c.id)).toEqual(expected.strict.toolCallIds);
    expect(result.raw).toBe(raw);
  });

  it("reads reasoning text of OpenAI-compatible servers", () => {
    const completion = {
      id: "x",
      model: "deepseek-reasoner",
      object: "chat.completion",
      created: 0,
      choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content: "4", refusal: null, reasoning_content: "2+2" } }],
    } as unknown as ChatCompletion;
    expect(mapOpenAIResponse(completion)).toMatchObject({ text: "4", reasoning: "2+2" });
  });

  it("infers tool_calls when a compatible server says stop with tool calls", () => {
    const completion = {
      id: "x",
      model: "m",
      object: "chat.completion",
      created: 0,
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          logprobs: null,
          message: { role: "assistant", content: null, refusal: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        },
      ],
    } as unknown as ChatCompletion;
    expect(mapOpenAIResponse(completion)).toMatchObject({ finishReason: "tool_calls", rawFinishReason: "stop" });
  });
});
