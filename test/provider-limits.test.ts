/**
 * The requests the real APIs reject for a reason proxyless can know. For each: the body the
 * adapters used to send is refused by the emulator (with the provider's own status and words) and
 * breaks the provider's published definition or documented limits; the same unified request now
 * either maps to what the API takes, or fails with a ValidationError before any network call.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError, type ChatRequest, type ChatResponse } from "proxyless";
import { allRequestBodyProblems, type SchemaProvider } from "./helpers/request-schemas.js";
import { useEmulator } from "./helpers/use-emulator.js";
import { authHeaders, post } from "./helpers/wire-test-client.js";

const harness = useEmulator("sk-limits-0001");
const hi = [{ role: "user", content: "hi" }] as const;
const openaiBase = { model: "gpt-4o-mini", messages: hi };
const anthropicBase = { model: "claude-haiku-4-5", max_tokens: 4096, messages: hi };
const geminiBase = { contents: [{ role: "user", parts: [{ text: "hi" }] }] };

/** A zod schema as JSON Schema, as the adapters always sent it (`$schema` left out). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

/** Sends a body as the SDK would, and returns the emulator's answer. */
async function rawSend(provider: SchemaProvider, body: object, model = "gemini-2.5-flash"): Promise<{ status: number; message: string }> {
  const { baseURLs } = harness.emulator;
  const answer =
    provider === "openai"
      ? await post(`${baseURLs.openai}/chat/completions`, body, { authorization: "Bearer sk-limits-0001" })
      : provider === "anthropic"
        ? await post(`${baseURLs.anthropic}/v1/messages`, body, { ...authHeaders.anthropic, "anthropic-version": "2026-10-21" })
        : await post(`${baseURLs.google}/v1beta/models/${model}:generateContent`, body, authHeaders.google);
  const json = answer.json as { error?: { message?: string } } | undefined;
  return { status: answer.status, message: json?.error?.message ?? "" };
}

/** Sends a unified request through the client; the body it sent, if any, and what came back. */
async function send(request: ChatRequest): Promise<{ outcome: unknown; body: unknown; model: string | undefined }> {
  harness.emulator.reset();
  const outcome = await harness.llm.chat(request).catch((error: unknown) => error);
  const [sent] = harness.emulator.requests;
  return { outcome, body: sent?.body, model: sent?.model };
}

async function expectRefusedBeforeSending(request: ChatRequest, path: string, words: string): Promise<void> {
  const { outcome, body } = await send(request);
  expect(outcome).toBeInstanceOf(ValidationError);
  expect((outcome as ValidationError).issues.map((issue) => issue.path)).toContain(path);
  expect((outcome as ValidationError).message).toContain(words);
  expect(body).toBeUndefined();
}

async function expectMappedAndTaken(request: ChatRequest, provider: SchemaProvider): Promise<{ body: Record<string, unknown>; response: ChatResponse }> {
  const { outcome, body, model } = await send(request);
  expect(outcome).not.toBeInstanceOf(Error);
  expect(allRequestBodyProblems(provider, body, model ?? "")).toEqual([]);
  return { body: body as Record<string, unknown>, response: outcome as ChatResponse };
}

function expectBreaksDefinition(provider: SchemaProvider, body: object, model = "gemini-2.5-flash"): void {
  expect(allRequestBodyProblems(provider, body, model)).not.toEqual([]);
}

describe("1. tool choice with no tools", () => {
  it("OpenAI: tool_choice alone is refused; proxyless leaves it out", async () => {
    const before = { ...openaiBase, tool_choice: "auto" };
    expect(await rawSend("openai", before)).toEqual({ status: 400, message: "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified." });
    expectBreaksDefinition("openai", before);
    for (const toolChoice of ["auto", "none"] as const) {
      const { body } = await expectMappedAndTaken({ model: "openai/gpt-4o-mini", messages: hi, toolChoice }, "openai");
      expect(body).not.toHaveProperty("tool_choice");
    }
  });

  it("Gemini: a function-calling config without declarations is refused; proxyless leaves it out", async () => {
    const before = { ...geminiBase, generationConfig: {}, toolConfig: { functionCallingConfig: { mode: "NONE" } } };
    expect(await rawSend("google", before)).toEqual({ status: 400, message: "Function calling config is set without function_declarations." });
    expectBreaksDefinition("google", before);
    const { body } = await expectMappedAndTaken({ model: "google/gemini-2.5-flash", messages: hi, toolChoice: "none" }, "google");
    expect(body).not.toHaveProperty("toolConfig");
  });
});

describe("2. Anthropic structured output from a zod schema with .int() and bounds", () => {
  const schema = z.object({ age: z.number().int(), name: z.string().min(1), tags: z.array(z.string()).max(3) });

  it("bounds are refused by the API; proxyless moves them into descriptions and still validates the answer", async () => {
    const before = { ...anthropicBase, output_config: { format: { type: "json_schema", schema: jsonSchemaOf(schema) } } };
    expect(await rawSend("anthropic", before)).toMatchObject({ status: 400, message: expect.stringContaining("For 'integer' type, property 'minimum' is not supported") as string });
    expectBreaksDefinition("anthropic", before);
    const { body, response } = await expectMappedAndTaken({ model: "anthropic/claude-haiku-4-5", messages: hi, responseFormat: { type: "json", schema } }, "anthropic");
    expect(JSON.stringify(body.output_config)).toContain("{minimum: -9007199254740991, maximum: 9007199254740991}");
    expect(response.meta.warnings).toContainEqual(expect.objectContaining({ setting: "responseFormat.schema" }));
    expect(schema.safeParse(response.object).success).toBe(true);
  });
});

describe("3. Anthropic thinking with a forced tool choice", () => {
  it("is refused by the API, and by proxyless before sending", async () => {
    const before = { ...anthropicBase, tools: [{ name: "get_weather", input_schema: { type: "object" } }], tool_choice: { type: "any" }, thinking: { type: "adaptive" }, output_config: { effort: "low" } };
    expect(await rawSend("anthropic", before)).toEqual({ status: 400, message: "Thinking may not be enabled when tool_choice forces tool use." });
    expectBreaksDefinition("anthropic", before);
    const tools = [{ name: "get_weather", parameters: { type: "object" } }];
    for (const toolChoice of ["required", { name: "get_weather" }] as const) {
      await expectRefusedBeforeSending(
        { model: "anthropic/claude-haiku-4-5", messages: hi, tools, toolChoice, reasoning: { effort: "low" } },
        "toolChoice",
        'use toolChoice "auto", or reasoning { effort: "none" } to turn thinking off',
      );
    }
  });
});

describe("4. Anthropic thinking budget under 1024", () => {
  it("is refused by the API, and by proxyless before sending", async () => {
    const before = { ...anthropicBase, thinking: { type: "enabled", budget_tokens: 512 } };
    expect(await rawSend("anthropic", before)).toEqual({ status: 400, message: "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024" });
    expectBreaksDefinition("anthropic", before);
    await expectRefusedBeforeSending({ model: "anthropic/claude-haiku-4-5", messages: hi, reasoning: { budgetTokens: 512 } }, "reasoning.budgetTokens", "smallest thinking budget is 1024 tokens");
  });
});

describe("5. stop lists longer than the provider takes", () => {
  it("OpenAI takes at most 4", async () => {
    const before = { ...openaiBase, stop: ["a", "b", "c", "d", "e"] };
    expect(await rawSend("openai", before)).toMatchObject({ status: 400, message: expect.stringContaining("Expected an array with maximum length 4") as string });
    expectBreaksDefinition("openai", before);
    await expectRefusedBeforeSending({ model: "openai/gpt-4o-mini", messages: hi, stop: ["a", "b", "c", "d", "e"] }, "stop", "OpenAI takes at most 4 stop sequences, got 5");
  });

  it("Gemini takes at most 5", async () => {
    const before = { ...geminiBase, generationConfig: { stopSequences: ["a", "b", "c", "d", "e", "f"] } };
    expect(await rawSend("google", before)).toMatchObject({ status: 400, message: expect.stringContaining("generation_config.stop_sequences") as string });
    expectBreaksDefinition("google", before);
    await expectRefusedBeforeSending({ model: "google/gemini-2.5-flash", messages: hi, stop: ["a", "b", "c", "d", "e", "f"] }, "stop", "Gemini takes at most 5 stop sequences, got 6");
  });
});

describe("6. OpenAI strict structured output with an optional field", () => {
  it("strict mode refuses it; proxyless sends it with strict: false and a warning", async () => {
    const schema = z.object({ city: z.string(), country: z.string().optional() });
    const before = { ...openaiBase, response_format: { type: "json_schema", json_schema: { name: "response", schema: jsonSchemaOf(schema), strict: true } } };
    expect(await rawSend("openai", before)).toMatchObject({ status: 400, message: expect.stringContaining("Missing 'country'") as string });
    expectBreaksDefinition("openai", before);
    const { body, response } = await expectMappedAndTaken({ model: "openai/gpt-4o-mini", messages: hi, responseFormat: { type: "json", schema } }, "openai");
    expect(body.response_format).toMatchObject({ json_schema: { strict: false } });
    expect(response.meta.warnings).toContainEqual(expect.objectContaining({ setting: "responseFormat.schema", message: expect.stringContaining('"country"') as string }));
  });
});

describe("7. OpenAI responseFormat.name outside [a-zA-Z0-9_-]{1,64}", () => {
  it("is refused by the API, and by proxyless before sending, for every provider", async () => {
    const before = { ...openaiBase, response_format: { type: "json_schema", json_schema: { name: "city info", schema: { type: "object" } } } };
    expect(await rawSend("openai", before)).toMatchObject({ status: 400, message: expect.stringContaining("string does not match pattern") as string });
    expectBreaksDefinition("openai", before);
    for (const model of ["openai/gpt-4o-mini", "google/gemini-2.5-flash"]) {
      await expectRefusedBeforeSending({ model, messages: hi, responseFormat: { type: "json", name: "city info", schema: { type: "object" } } }, "responseFormat.name", 'use "city_info"');
    }
  });
});

describe("8. Gemini tool names that start with a digit", () => {
  it("are refused by the API, and by proxyless before sending", async () => {
    const before = { ...geminiBase, tools: [{ functionDeclarations: [{ name: "1st_tool", parametersJsonSchema: { type: "object" } }] }] };
    expect(await rawSend("google", before)).toMatchObject({ status: 400, message: expect.stringContaining("Must start with a letter or an underscore") as string });
    expectBreaksDefinition("google", before);
    await expectRefusedBeforeSending({ model: "google/gemini-2.5-flash", messages: hi, tools: [{ name: "1st_tool", parameters: { type: "object" } }] }, "tools[0].name", "must start with a letter or _");
  });
});

describe("9. Gemini seed outside int32", () => {
  it("is refused by the API, and by proxyless before sending", async () => {
    const before = { ...geminiBase, generationConfig: { seed: 2 ** 31 } };
    expect(await rawSend("google", before)).toEqual({ status: 400, message: "Invalid value at 'generation_config.seed' (TYPE_INT32), 2147483648" });
    expectBreaksDefinition("google", before);
    await expectRefusedBeforeSending({ model: "google/gemini-2.5-flash", messages: hi, seed: 2 ** 31 }, "seed", "32-bit integer");
  });
});

describe("10. Gemini reasoning.effort on a model before Gemini 3", () => {
  it("a thinking level is refused there; proxyless sends a budget, and a level to Gemini 3", async () => {
    const before = { ...geminiBase, generationConfig: { thinkingConfig: { thinkingLevel: "LOW", includeThoughts: true } } };
    expect(await rawSend("google", before, "gemini-2.5-flash")).toEqual({ status: 400, message: "Thinking level is not supported for this model." });
    expectBreaksDefinition("google", before, "gemini-2.5-flash");
    const old = await expectMappedAndTaken({ model: "google/gemini-2.5-flash", messages: hi, reasoning: { effort: "low" } }, "google");
    expect(old.body.generationConfig).toMatchObject({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    const next = await expectMappedAndTaken({ model: "google/gemini-3-flash-preview", messages: hi, reasoning: { effort: "low" } }, "google");
    expect(next.body.generationConfig).toMatchObject({ thinkingConfig: { thinkingLevel: "LOW", includeThoughts: true } });
  });
});

describe("11. the documented providerOptions example", () => {
  /** The object literal of the `providerOptions` example in ChatRequest's TSDoc, read from the source. */
  function documentedExample(): Record<string, Record<string, unknown>> {
    const source = readFileSync(new URL("../src/core/types/chat-request.ts", import.meta.url), "utf8");
    const literal = /\* providerOptions: (\{.*\})\n/.exec(source)?.[1];
    expect(literal, "the providerOptions example in chat-request.ts").toBeDefined();
    return JSON.parse((literal ?? "").replace(/([{,]\s*)([a-zA-Z_]\w*)\s*:/g, '$1"$2":')) as Record<string, Record<string, unknown>>;
  }

  it("sends a body every provider takes", async () => {
    const example = documentedExample();
    expect(Object.keys(example).sort()).toEqual(["anthropic", "google", "openai"]);
    // What the Anthropic part adds to a body must be in the SDK's request types (top_k is not).
    expectBreaksDefinition("anthropic", { ...anthropicBase, top_k: 5 });
    expect(allRequestBodyProblems("anthropic", { ...anthropicBase, ...example.anthropic }, "")).toEqual([]);
    expect(allRequestBodyProblems("openai", { ...openaiBase, ...example.openai }, "")).toEqual([]);
    for (const model of ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"]) {
      const provider = model.split("/")[0] as SchemaProvider;
      await expectMappedAndTaken({ model, messages: hi, providerOptions: example }, provider);
    }
    expect(await rawSend("anthropic", { ...anthropicBase, top_k: 5 })).toEqual({ status: 400, message: "top_k: Extra inputs are not permitted" });
  });
});
