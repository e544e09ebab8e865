import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import { convertToOpenAIRequest } from "./convert-to-openai-request.js";

const opts = { model: "gpt-4o-mini", provider: "openai", type: "openai" as const };

describe("convertToOpenAIRequest", () => {
  it("maps a multi-turn conversation with tools and results", () => {
    const request: ChatRequest = {
      model: "openai/gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image", url: "https://x.test/a.png" }] },
        { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "weather", arguments: { city: "Oslo" } }] },
        { role: "tool", toolCallId: "call_1", content: [{ type: "text", text: "sunny" }] },
      ],
      tools: [{ name: "weather", description: "Weather by city", parameters: z.object({ city: z.string() }) }],
      toolChoice: { name: "weather" },
      maxTokens: 50,
      temperature: 0.2,
      topP: 0.5,
      stop: "END",
      seed: 3,
      reasoning: { effort: "low" },
    };
    expect(convertToOpenAIRequest(request, opts)).toEqual({
      warnings: [],
      body: {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "https://x.test/a.png" } }] },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }] },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
        max_completion_tokens: 50,
        temperature: 0.2,
        top_p: 0.5,
        stop: ["END"],
        seed: 3,
        reasoning_effort: "low",
        tools: [
          {
            type: "function",
            function: {
              name: "weather",
              description: "Weather by city",
              parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
            },
          },
        ],
        tool_choice: { type: "function", function: { name: "weather" } },
      },
    });
  });

  it("tells the model a tool failed in the content, Chat Completions having no flag for it", () => {
    const { body } = convertToOpenAIRequest(
      {
        model: "o/m",
        messages: [
          { role: "assistant", toolCalls: [{ id: "c", name: "f", arguments: {} }] },
          { role: "tool", toolCallId: "c", content: "no such city", isError: true },
        ],
      },
      opts,
    );
    expect(body.messages[1]).toEqual({ role: "tool", tool_call_id: "c", content: "Error: no such city" });
  });

  it("sends max_tokens to OpenAI-compatible servers", () => {
    const { body } = convertToOpenAIRequest({ model: "g/m", messages: [{ role: "user", content: "x" }], maxTokens: 9 }, { ...opts, type: "openai-compatible", provider: "groq" });
    expect(body).toMatchObject({ max_tokens: 9 });
    expect(body).not.toHaveProperty("max_completion_tokens");
  });

  it("asks for native structured output, strict when the schema meets strict mode's rules", () => {
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    const { body, warnings } = convertToOpenAIRequest(
      { model: "o/m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", name: "city", schema } },
      opts,
    );
    expect(body.response_format).toEqual({ type: "json_schema", json_schema: { name: "city", schema, strict: true } });
    expect(warnings).toEqual([]);
    const plain = convertToOpenAIRequest({ model: "o/m", messages: [{ role: "user", content: "json" }], responseFormat: { type: "json" } }, opts);
    expect(plain.body.response_format).toEqual({ type: "json_object" });
  });

  it.each([
    [z.object({ city: z.string(), country: z.string().optional() }), 'property "country" of # is optional'],
    [z.object({ address: z.object({ street: z.string() }).loose() }), "the object at #/properties/address does not set additionalProperties: false"],
    [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, "the object at # does not set additionalProperties: false"],
    [{ type: "array", items: { type: "string" } }, "its root is not an object"],
    [{ type: "object", properties: {}, additionalProperties: false, allOf: [{ type: "object" }] }, '# uses "allOf"'],
  ])("sends a schema strict mode would reject with strict: false, and says why (%#)", (schema, why) => {
    const { body, warnings } = convertToOpenAIRequest({ model: "o/m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", schema } }, opts);
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "response", strict: false } });
    expect(warnings).toEqual([{ type: "other", setting: "responseFormat.schema", message: expect.stringContaining(why) as string }]);
  });

  it("takes only the keywords OpenAI lists as supported in strict mode", () => {
    const strictOf = (schema: Record<string, unknown>) =>
      convertToOpenAIRequest({ model: "o/m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", schema } }, opts).body.response_format;
    const closed = (city: object) => ({ type: "object", properties: { city }, required: ["city"], additionalProperties: false });
    expect(strictOf(closed({ type: "string", pattern: "^[A-Z]", format: "email" }))).toMatchObject({ json_schema: { strict: true } });
    expect(strictOf(closed({ type: "integer", minimum: 0, maximum: 9, multipleOf: 3 }))).toMatchObject({ json_schema: { strict: true } });
    expect(strictOf(closed({ type: ["string", "null"] }))).toMatchObject({ json_schema: { strict: true } });
    expect(strictOf(closed({ type: "string", minLength: 1 }))).toMatchObject({ json_schema: { strict: false } });
    expect(strictOf(closed({ type: "string", default: "x" }))).toMatchObject({ json_schema: { strict: false } });
    expect(strictOf(closed({ type: ["object", "null"], properties: {} }))).toMatchObject({ json_schema: { strict: false } });
  });

  it("leaves strict on for OpenAI-compatible servers, whose rules are their own", () => {
    const { body, warnings } = convertToOpenAIRequest(
      { model: "o/m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", schema: z.object({ a: z.string().optional() }) } },
      { ...opts, type: "openai-compatible", provider: "vllm" },
    );
    expect(body.response_format).toMatchObject({ json_schema: { strict: true } });
    expect(warnings).toEqual([]);
  });

  it("a zod object with only required fields is strict as it is", () => {
    const { body } = convertToOpenAIRequest(
      { model: "o/m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", schema: z.object({ n: z.number().int(), tags: z.array(z.string()) }) } },
      opts,
    );
    expect(body.response_format).toMatchObject({ json_schema: { strict: true } });
  });

  it.each(["auto", "none"] as const)("leaves out tool choice %j when there are no tools (the API rejects tool_choice alone)", (toolChoice) => {
    const { body } = convertToOpenAIRequest({ model: "o/m", messages: [{ role: "user", content: "x" }], toolChoice }, opts);
    expect(body).not.toHaveProperty("tool_choice");
  });

  it("rejects more than 4 stop sequences before sending, to OpenAI only; sends none for an empty list", () => {
    const request = (stop: string[]): ChatRequest => ({ model: "o/m", messages: [{ role: "user", content: "x" }], stop });
    expect(convertToOpenAIRequest(request(["a", "b", "c", "d"]), opts).body.stop).toEqual(["a", "b", "c", "d"]);
    expect(convertToOpenAIRequest(request([]), opts).body).not.toHaveProperty("stop");
    const compatible = { ...opts, type: "openai-compatible" as const, provider: "groq" };
    expect(convertToOpenAIRequest(request(["a", "b", "c", "d", "e"]), compatible).body.stop).toHaveLength(5);
    expect(() => convertToOpenAIRequest(request(["a", "b", "c", "d", "e"]), opts)).toThrow(ValidationError);
    expect(() => convertToOpenAIRequest(request(["a", "b", "c", "d", "e"]), opts)).toThrow("stop: OpenAI takes at most 4 stop sequences, got 5");
  });

  it("inlines data: images and PDFs as data URLs, audio as input_audio, text files as text", () => {
    const { body } = convertToOpenAIRequest(
      {
        model: "o/m",
        messages: [
          {
            role: "user",
            content: [
              { type: "image", data: new Uint8Array([104, 105]), mediaType: "image/png" },
              { type: "file", data: "JVBERg==", mediaType: "application/pdf", filename: "a.pdf" },
              { type: "file", data: "UklGRg==", mediaType: "audio/wav" },
              { type: "file", data: new TextEncoder().encode("hello"), mediaType: "text/plain", filename: "notes.txt" },
            ],
          },
        ],
      },
      opts,
    );
    expect(body.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "image_url", image_url: { url: "data:image/png;base64,aGk=" } },
        { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERg==" } },
        { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } },
        { type: "text", text: "notes.txt:\nhello" },
      ],
    });
  });

  it("rejects files Chat Completions cannot take, naming the path", () => {
    const request: ChatRequest = {
      model: "o/m",
      messages: [{ role: "user", content: [{ type: "text", text: "x" }, { type: "file", data: "AA==", mediaType: "application/zip" }] }],
    };
    expect(() => convertToOpenAIRequest(request, opts)).toThrow(ValidationError);
    expect(() => convertToOpenAIRequest(request, opts)).toThrow("messages[0].content[1].mediaType");
  });

  it("warns about a thinking budget and merges providerOptions last, type then name", () => {
    const { body, warnings } = convertToOpenAIRequest(
      {
        model: "eu/m",
        messages: [{ role: "user", content: "x" }],
        temperature: 1,
        reasoning: { budgetTokens: 100 },
        providerOptions: { openai: { service_tier: "flex", temperature: 0.1 }, eu: { store: false }, anthropic: { inference_geo: "us" } },
      },
      { ...opts, provider: "eu" },
    );
    expect(warnings).toEqual([{ type: "unsupported", setting: "reasoning.budgetTokens", message: "OpenAI has no thinking budget; use reasoning.effort" }]);
    expect(body).toMatchObject({ service_tier: "flex", temperature: 0.1, store: false });
    expect(body).not.toHaveProperty("inference_geo");
  });
});
