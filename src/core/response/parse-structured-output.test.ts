import { describe, expect, it } from "vitest";
import { z } from "zod";
import { StructuredOutputError } from "../errors/structured-output-error.js";
import type { ChatResponse } from "../types/chat-response.js";
import { parseStructuredOutput } from "./parse-structured-output.js";

function response(text: string, extra: Partial<ChatResponse> = {}): ChatResponse {
  return {
    id: "r",
    provider: "p",
    model: "m",
    text,
    toolCalls: [],
    finishReason: "stop",
    rawFinishReason: "stop",
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    meta: { cached: false, attempts: [], latencyMs: 0, warnings: [] },
    message: { role: "assistant", content: text },
    raw: {},
    ...extra,
  };
}

const schema = z.object({ city: z.string(), temperature: z.number() });

describe("parseStructuredOutput", () => {
  it("validates with a zod schema", async () => {
    await expect(parseStructuredOutput(response('{"city":"Paris","temperature":21}'), { type: "json", schema })).resolves.toEqual({
      city: "Paris",
      temperature: 21,
    });
  });

  it("validates with a JSON Schema", async () => {
    const json = { type: "object", properties: { n: { type: "integer" } }, required: ["n"] };
    await expect(parseStructuredOutput(response('{"n":2}'), { type: "json", schema: json })).resolves.toEqual({ n: 2 });
    await expect(parseStructuredOutput(response('{"n":"2"}'), { type: "json", schema: json })).rejects.toMatchObject({
      name: "StructuredOutputError",
      issues: [{ path: "n", message: "Invalid input: expected number, received string" }],
    });
  });

  it("parses any JSON without a schema", async () => {
    await expect(parseStructuredOutput(response("[1,2]"), { type: "json" })).resolves.toEqual([1, 2]);
  });

  it("names the mismatching field", async () => {
    const error = await parseStructuredOutput(response('{"city":"Paris"}'), { type: "json", schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).message).toBe(
      "Structured output does not match the schema: temperature: Invalid input: expected number, received undefined",
    );
    expect((error as StructuredOutputError).text).toBe('{"city":"Paris"}');
  });

  it("says when JSON was cut off by maxTokens", async () => {
    await expect(parseStructuredOutput(response('{"', { finishReason: "length" }), { type: "json", schema })).rejects.toThrow(
      "Structured output is cut off: the response hit maxTokens before the JSON was complete",
    );
  });

  it("throws for a refusal, with the response attached", async () => {
    const refused = response("", { finishReason: "refusal", refusal: "I can't help with that." });
    const error = (await parseStructuredOutput(refused, { type: "json", schema }).catch((e: unknown) => e)) as StructuredOutputError;
    expect(error.message).toBe('No structured output: the model stopped with "refusal": I can\'t help with that.');
    expect(error.response).toBe(refused);
  });
});
