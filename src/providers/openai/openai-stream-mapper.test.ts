import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { expectations, parseSse, readFixture } from "../../../test/helpers/fixtures.js";
import { StreamAccumulator } from "../../core/stream/stream-accumulator.js";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";

const streamFixtures = expectations("openai").filter((e) => e.kind === "stream" && e.api === "chat");

function run(file: string): { parts: ProviderStreamPart[]; mapper: OpenAIStreamMapper } {
  const mapper = new OpenAIStreamMapper();
  const parts: ProviderStreamPart[] = [];
  for (const { data } of parseSse(readFixture("openai", file))) {
    if (data === "[DONE]") continue;
    parts.push(...mapper.map(JSON.parse(data) as ChatCompletionChunk));
  }
  return { parts, mapper };
}

describe("OpenAIStreamMapper", () => {
  it.each(streamFixtures.map((e) => [e.fixture, e] as const))("normalises the recorded %s", (_name, expected) => {
    const { parts, mapper } = run(expected.file);
    expect(mapper.finished).toBe(true);
    const acc = new StreamAccumulator();
    for (const part of parts) if (part.type !== "finish") acc.accept(part);
    const { result } = acc.finish(mapper.finish() as Extract<ProviderStreamPart, { type: "finish" }>);
    expect(result.text).toBe(expected.text);
    expect(result.refusal).toBe(expected.refusal);
    expect(result.finishReason).toBe(expected.finishReason);
    expect(result.rawFinishReason).toBe(expected.rawFinishReason);
    expect(result.usage).toMatchObject(expected.usage ?? {});
    expect(result.model).toBe(expected.strict?.model);
    expect(result.toolCalls.map((c) => ({ name: c.name, arguments: JSON.parse(c.argumentsText) as unknown }))).toEqual(expected.toolCalls);
    if (expected.strict?.toolCallIds) expect(result.toolCalls.map((c) => c.id)).toEqual(expected.strict.toolCallIds);
  });

  it("keeps refusal text out of text deltas", () => {
    const { parts } = run("chat_refusal_stream.sse.txt");
    expect(parts.filter((p) => p.type === "text-delta")).toEqual([]);
    expect(parts.filter((p) => p.type === "refusal-delta").length).toBeGreaterThan(1);
  });

  it("follows only choice 0 of an n > 1 stream", () => {
    const { parts } = run("chat_multiple_choices_stream.sse.txt");
    const text = parts.map((p) => (p.type === "text-delta" ? p.text : "")).join("");
    expect(text).toBe('{"city":"San Francisco","temperature":65,"units":"f"}');
  });

  it("is not finished without a finish reason (a cut stream)", () => {
    const mapper = new OpenAIStreamMapper();
    mapper.map({ id: "c", model: "m", object: "chat.completion.chunk", created: 0, choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] });
    expect(mapper.finished).toBe(false);
  });

  it("gives tool calls dense indices in order of appearance", () => {
    const mapper = new OpenAIStreamMapper();
    const chunk = (index: number, id?: string): ChatCompletionChunk => ({
      id: "c",
      model: "m",
      object: "chat.completion.chunk",
      created: 0,
      choices: [{ index: 0, delta: { tool_calls: [{ index, ...(id ? { id } : {}), function: { arguments: "{}" } }] }, finish_reason: null }],
    });
    const indices = [chunk(3, "a"), chunk(7, "b"), chunk(3)].flatMap((c) => mapper.map(c)).flatMap((p) => (p.type === "tool-call-delta" ? [p.index] : []));
    expect(indices).toEqual([0, 1, 0]);
  });
});
