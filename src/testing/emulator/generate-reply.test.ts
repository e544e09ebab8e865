import { describe, expect, it } from "vitest";
import { applyReplyScenario, generateReply } from "./generate-reply.js";
import type { ConversationView } from "./reply-model.js";

const base: ConversationView = {
  model: "m",
  lastTurn: "user",
  lastText: "Hello there",
  tools: [],
  toolChoice: "auto",
  stop: [],
  reasoning: false,
  inputTokens: 3,
};
const weather = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };

describe("generateReply", () => {
  it("answers the same request the same way, and another request otherwise", () => {
    const a = generateReply(base, 24);
    expect(generateReply(base, 24)).toEqual(a);
    expect(generateReply({ ...base, lastText: "Something else" }, 24).text).not.toBe(a.text);
    expect(a.textPieces).toHaveLength(24);
    expect(a.textPieces.join("")).toBe(a.text);
    expect(a).toMatchObject({ finish: "stop", toolCalls: [], usage: { inputTokens: 3, outputTokens: 24, reasoningTokens: 0 } });
  });

  it("cuts at max tokens with finish length", () => {
    const reply = generateReply({ ...base, maxTokens: 5 }, 24);
    expect(reply.textPieces).toHaveLength(5);
    expect(reply).toMatchObject({ finish: "length", usage: { outputTokens: 5 } });
  });

  it("cuts before a stop sequence", () => {
    const full = generateReply(base, 24);
    const word = full.textPieces[3]?.trim() as string;
    const reply = generateReply({ ...base, stop: [word] }, 24);
    expect(full.text.startsWith(reply.text)).toBe(true);
    expect(reply.text).not.toContain(word);
    expect(reply).toMatchObject({ finish: "stop_sequence", stopSequence: word });
  });

  it("calls the first tool, or the forced one, for a user turn", () => {
    const other = { name: "other", parameters: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } };
    expect(generateReply({ ...base, tools: [weather, other] }, 24).toolCalls).toMatchObject([{ name: "get_weather", arguments: { city: "example" } }]);
    const forced = generateReply({ ...base, tools: [weather, other], toolChoice: { name: "other" } }, 24);
    expect(forced).toMatchObject({ finish: "tool_calls", text: "", toolCalls: [{ name: "other", arguments: { n: 1 }, argumentsText: '{"n":1}' }] });
    expect(forced.toolCalls[0]?.fragments.join("")).toBe('{"n":1}');
  });

  it("answers tool results with text that mentions them, and never calls with tool choice none", () => {
    const after = generateReply({ ...base, tools: [weather], lastTurn: "tool", lastText: '{"temp": 21}' }, 24);
    expect(after.toolCalls).toEqual([]);
    expect(after.text).toContain('{"temp": 21}');
    expect(generateReply({ ...base, tools: [weather], toolChoice: "none" }, 24).toolCalls).toEqual([]);
  });

  it("answers JSON output with the schema's example document", () => {
    const reply = generateReply({ ...base, output: { schema: weather.parameters } }, 24);
    expect(JSON.parse(reply.text)).toEqual({ city: "example" });
    expect(reply.textPieces.join("")).toBe(reply.text);
    expect(JSON.parse(generateReply({ ...base, output: {} }, 24).text)).toHaveProperty("answer");
  });

  it("marks truncated tool arguments as no longer JSON", () => {
    const reply = generateReply({ ...base, tools: [weather], maxTokens: 2 }, 24);
    expect(reply).toMatchObject({ finish: "length", toolCalls: [{ arguments: undefined, argumentsText: '{"city"' }] });
  });

  it("adds the same reasoning when asked", () => {
    const reply = generateReply({ ...base, reasoning: true }, 24);
    expect(reply.reasoning?.text).toContain("Hello");
    expect(reply.reasoning).toEqual(generateReply({ ...base, reasoning: true }, 24).reasoning);
    expect(reply.usage.reasoningTokens).toBe(reply.reasoning?.pieces.length);
  });
});

describe("applyReplyScenario", () => {
  it("replaces only what the scenario names", () => {
    const generated = generateReply(base, 24);
    expect(applyReplyScenario(generated, { type: "reply", usage: { inputTokens: 99 } })).toMatchObject({ text: generated.text, usage: { inputTokens: 99, outputTokens: 24 } });
    expect(applyReplyScenario(generated, { type: "reply", text: "Hi you" })).toMatchObject({ text: "Hi you", textPieces: ["Hi", " you"], finish: "stop", usage: { outputTokens: 2 } });
    expect(applyReplyScenario(generated, { type: "reply", toolCalls: [{ name: "f", arguments: { a: 1 } }] })).toMatchObject({
      text: "",
      finish: "tool_calls",
      toolCalls: [{ name: "f", arguments: { a: 1 }, argumentsText: '{"a":1}' }],
    });
    expect(applyReplyScenario(generated, { type: "reply", text: "No", finish: "refusal", reasoning: "why not" })).toMatchObject({
      finish: "refusal",
      reasoning: { text: "why not" },
      usage: { reasoningTokens: 2 },
    });
  });
});
