/**
 * The request bodies the three adapters send, through the real SDKs, for a broad matrix of
 * unified requests, checked against the providers' published definitions (vendored in
 * test/fixtures/schemas with their provenance) and the limits their documentation states. The
 * emulator only records the bodies here: these checks are independent of its own validation.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError, type ChatRequest } from "proxyless";
import { allRequestBodyProblems, type SchemaProvider } from "./helpers/request-schemas.js";
import { useEmulator } from "./helpers/use-emulator.js";

const harness = useEmulator("sk-shape-0001");

const models: Readonly<Record<string, SchemaProvider>> = {
  "openai/gpt-4o-mini": "openai",
  "anthropic/claude-haiku-4-5": "anthropic",
  "google/gemini-2.5-flash": "google",
  "google/gemini-3-flash-preview": "google",
  "google/gemini-3.1-pro-preview": "google",
};

const weather = { name: "get_weather", description: "Weather for a city", parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]) }) };
const clock = { name: "clock", parameters: { type: "object", properties: {}, additionalProperties: false } };
const pdf = "JVBERi0xLjQK";
const png = "iVBORw0KGgo=";
const toolTurns: ChatRequest["messages"] = [
  { role: "user", content: "Weather in Oslo and Rome, and the time?" },
  {
    role: "assistant",
    content: "Checking.",
    toolCalls: [
      { id: "call_1", name: "get_weather", arguments: { city: "Oslo", unit: "c" } },
      { id: "call_2", name: "get_weather", arguments: { city: "Rome", unit: "c" } },
      { id: "call_3", name: "clock", arguments: {} },
    ],
  },
  { role: "tool", toolCallId: "call_1", content: "4C" },
  { role: "tool", toolCallId: "call_2", content: "17C" },
  { role: "tool", toolCallId: "call_3", content: [{ type: "text", text: "12:00" }], isError: false },
];

type Case = Omit<ChatRequest, "model" | "messages"> & { readonly messages?: ChatRequest["messages"] };
const user = [{ role: "user", content: "Hello" }] as const;

/** Each case, and the providers that refuse it before sending (a ValidationError, by design). */
const cases: readonly [string, Case, (readonly SchemaProvider[])?][] = [
  ["text", {}],
  ["system and multi-turn", { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }, { role: "user", content: "Bye" }] }],
  ["parallel tool calls and results", { messages: toolTurns, tools: [weather, clock] }],
  ["an image by URL", { messages: [{ role: "user", content: [{ type: "text", text: "What is it?" }, { type: "image", url: "https://x.test/cat.png" }] }] }],
  ["an image as base64", { messages: [{ role: "user", content: [{ type: "image", data: png, mediaType: "image/png" }] }] }],
  ["an image as bytes", { messages: [{ role: "user", content: [{ type: "image", data: new Uint8Array([137, 80, 78, 71]), mediaType: "image/png" }] }] }],
  ["a PDF as data", { messages: [{ role: "user", content: [{ type: "file", data: pdf, mediaType: "application/pdf", filename: "a.pdf" }] }] }],
  ["a PDF by URL", { messages: [{ role: "user", content: [{ type: "file", url: "https://x.test/a.pdf", mediaType: "application/pdf" }] }] }, ["openai"]],
  ["a text file", { messages: [{ role: "user", content: [{ type: "file", data: new TextEncoder().encode("notes"), mediaType: "text/plain", filename: "n.txt" }] }] }],
  ["tools without a choice", { tools: [weather, clock] }],
  ['tool choice "auto"', { tools: [weather], toolChoice: "auto" }],
  ['tool choice "none"', { tools: [weather], toolChoice: "none" }],
  ['tool choice "required"', { tools: [weather], toolChoice: "required" }],
  ["tool choice by name", { tools: [weather, clock], toolChoice: { name: "clock" } }],
  ['tool choice "auto" without tools', { toolChoice: "auto" }],
  ['tool choice "none" without tools', { toolChoice: "none" }],
  ["JSON without a schema", { responseFormat: { type: "json" } }],
  ["a JSON Schema", { responseFormat: { type: "json", name: "city_info", schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } } }],
  ["a zod schema with bounds", { responseFormat: { type: "json", schema: z.object({ age: z.number().int().min(0), name: z.string().min(1).max(40), tags: z.array(z.string()).min(2) }) } }],
  ["a zod schema with an optional field", { responseFormat: { type: "json", schema: z.object({ city: z.string(), country: z.string().optional() }) } }],
  ["a nested zod schema with a union", { responseFormat: { type: "json", schema: z.object({ place: z.object({ lat: z.number(), lon: z.number() }), kind: z.union([z.literal("city"), z.literal("town")]), note: z.string().nullable() }) } }],
  [
    "a JSON Schema with definitions and nullable types",
    {
      responseFormat: {
        type: "json",
        schema: {
          type: "object",
          properties: { home: { $ref: "#/definitions/Place" }, work: { type: ["object", "null"], properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false } },
          required: ["home", "work"],
          additionalProperties: false,
          definitions: { Place: { type: "object", properties: { city: { type: "string", minLength: 1 } }, required: ["city"], additionalProperties: false } },
        },
      },
    },
  ],
  ["sampling", { maxTokens: 300, temperature: 0.7, topP: 0.9 }],
  ["an empty stop list", { stop: [] }],
  ["one stop sequence", { stop: "END" }],
  ["four stop sequences", { stop: ["a", "b", "c", "d"] }],
  ["a seed", { seed: 42 }],
  ...(["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const).map((effort): [string, Case] => [`reasoning effort ${effort}`, { reasoning: { effort } }]),
  ["a thinking budget", { reasoning: { budgetTokens: 2048 } }],
  ["a thinking budget of 0", { reasoning: { budgetTokens: 0 } }],
  ["a budget and an effort", { reasoning: { budgetTokens: 4096, effort: "high" }, maxTokens: 8000 }],
  ["thinking with tools left to the model", { reasoning: { budgetTokens: 2048 }, tools: [weather], toolChoice: "auto" }],
  ["the providerOptions example of the docs", { providerOptions: { openai: { service_tier: "flex" }, anthropic: { service_tier: "standard_only" }, google: { topK: 40 } } }],
];

describe.each(Object.entries(models))("request bodies for %s", (model, provider) => {
  it.each(cases)("%s", async (_, request, refusedBy = []) => {
    for (const stream of [false, true]) {
      harness.emulator.reset();
      const full = { ...request, model, messages: request.messages ?? user } as ChatRequest;
      const outcome = await (stream ? harness.llm.stream(full).final() : harness.llm.chat(full)).catch((error: unknown) => error);
      if (refusedBy.includes(provider)) {
        expect(outcome).toBeInstanceOf(ValidationError);
        expect(harness.emulator.requests).toHaveLength(0);
        continue;
      }
      const [sent] = harness.emulator.requests;
      expect(sent, "a request was sent").toBeDefined();
      expect(sent?.stream).toBe(stream);
      expect(allRequestBodyProblems(provider, sent?.body, sent?.model ?? "")).toEqual([]);
      // The emulator, strict as the real API, takes it too. (An answer may still fail a schema's
      // bounds that only the description carried to the model: that is the answer's fault.)
      expect(sent?.status, JSON.stringify(outcome instanceof Error ? outcome.message : "")).toBe(200);
    }
  });
});
