import { describe, expect, it } from "vitest";
import { validateOpenAIRequest } from "./openai-validate.js";

const base = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
const tool = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } };
const closed = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };

function rejection(body: unknown) {
  return validateOpenAIRequest(body) as { status: number; body: { error: { message: string; param: string | null; code: string | null } } } | undefined;
}

describe("validateOpenAIRequest", () => {
  it.each([
    ["an unknown parameter", { ...base, top_k: 5 }, "Unrecognized request argument supplied: top_k", null],
    ["tool_choice without tools", { ...base, tool_choice: "auto" }, "'tool_choice' is only allowed when 'tools' are specified", "tool_choice"],
    ["five stop sequences", { ...base, stop: ["a", "b", "c", "d", "e"] }, "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead.", "stop"],
    ["temperature over 2", { ...base, temperature: 2.5 }, "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.", "temperature"],
    ["n of 0", { ...base, n: 0 }, "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.", "n"],
    ["a fractional seed", { ...base, seed: 1.5 }, "Invalid type for 'seed': expected an integer, but got a number instead.", "seed"],
    ["an unknown reasoning effort", { ...base, reasoning_effort: "extreme" }, "Invalid value: 'extreme'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', and 'max'.", "reasoning_effort"],
    [
      "a tool name with a space",
      { ...base, tools: [{ ...tool, function: { ...tool.function, name: "get weather" } }] },
      "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
      "tools[0].function.name",
    ],
    [
      "a 65-character tool name",
      { ...base, tools: [{ ...tool, function: { ...tool.function, name: "a".repeat(65) } }] },
      "string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
      "tools[0].function.name",
    ],
    [
      "a response format name with a space",
      { ...base, response_format: { type: "json_schema", json_schema: { name: "city info", schema: closed } } },
      "Invalid 'response_format.json_schema.name': string does not match pattern.",
      "response_format.json_schema.name",
    ],
    [
      "a strict schema with an optional field",
      { ...base, response_format: { type: "json_schema", json_schema: { name: "c", strict: true, schema: { ...closed, properties: { ...closed.properties, country: { type: "string" } } } } } },
      "Invalid schema for response_format 'c': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'country'.",
      "response_format",
    ],
    [
      "a strict schema with an open nested object",
      { ...base, response_format: { type: "json_schema", json_schema: { name: "c", strict: true, schema: { ...closed, properties: { city: { type: "object", properties: {}, required: [] } } } } } },
      "In context=('properties', 'city'), 'additionalProperties' is required to be supplied and to be false.",
      "response_format",
    ],
    [
      "a strict function whose schema is open",
      { ...base, tools: [{ ...tool, function: { ...tool.function, strict: true } }] },
      "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
      "tools[0].function.parameters",
    ],
    [
      "minLength in a strict schema",
      { ...base, response_format: { type: "json_schema", json_schema: { name: "c", strict: true, schema: { ...closed, properties: { city: { type: "string", minLength: 1 } } } } } },
      "In context=('properties', 'city'), 'minLength' is not permitted.",
      "response_format",
    ],
  ])("rejects %s, in OpenAI's words", (_, body, message, param) => {
    const answer = rejection(body);
    expect(answer?.status).toBe(400);
    expect(answer?.body.error.message).toContain(message);
    expect(answer?.body.error.param).toBe(param);
  });

  it("accepts what the spec allows", () => {
    for (const body of [
      base,
      { ...base, stop: ["a", "b", "c", "d"], temperature: 2, top_p: 1, seed: -5, n: 2, reasoning_effort: "max", service_tier: "flex" },
      { ...base, stop: "x", tools: [tool], tool_choice: "required", parallel_tool_calls: false },
      { ...base, response_format: { type: "json_schema", json_schema: { name: "city_info-2", strict: true, schema: closed } } },
      { ...base, response_format: { type: "json_schema", json_schema: { name: "c", strict: false, schema: { type: "object" } } } },
      { ...base, temperature: null, stop: null },
      { ...base, tools: [{ type: "function", function: { name: "ping", strict: true } }] },
    ]) {
      expect(rejection(body)).toBeUndefined();
    }
  });
});
