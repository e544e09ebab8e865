import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../errors/validation-error.js";
import { validateRequest } from "./validate-request.js";

const base = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };

function issuesOf(request: unknown): { path: string; message: string }[] {
  try {
    validateRequest(request);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error("expected a ValidationError");
}

describe("validateRequest", () => {
  it("accepts a complete request with zod and JSON Schema tools", () => {
    expect(() =>
      validateRequest({
        ...base,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", data: new Uint8Array([1, 2]), mediaType: "image/png" }] },
          { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "lookup", arguments: { q: "x" } }] },
          { role: "tool", toolCallId: "c1", content: "{\"ok\":true}" },
        ],
        tools: [
          { name: "lookup", parameters: z.object({ q: z.string() }) },
          { name: "other", description: "d", parameters: { type: "object", properties: {} } },
        ],
        toolChoice: { name: "lookup" },
        responseFormat: { type: "json", schema: z.object({ a: z.number() }) },
        maxTokens: 100,
        temperature: 0.5,
        topP: 0.9,
        stop: ["END"],
        seed: 7,
        reasoning: { effort: "low", budgetTokens: 1024 },
        providerOptions: { openai: { service_tier: "flex" } },
        metadata: { tenant: "acme" },
        cache: { ttlMs: 1000, mode: "refresh" },
        signal: new AbortController().signal,
        timeoutMs: 5000,
      }),
    ).not.toThrow();
  });

  it("names the offending path of each problem", () => {
    expect(
      issuesOf({
        ...base,
        messages: [
          { role: "user", content: [{ type: "image", data: "aGk=" }] },
          { role: "robot", content: "x" },
        ],
        maxTokens: -1,
      }),
    ).toEqual([
      { path: "messages[0].content[0].mediaType", message: "is required with data" },
      { path: "messages[1].role", message: "must be one of system, user, assistant, tool" },
      { path: "maxTokens", message: expect.stringContaining(">0") as string },
    ]);
  });

  it("rejects unknown fields, such as a provider's own spelling", () => {
    expect(issuesOf({ ...base, max_tokens: 10 })).toEqual([{ path: "max_tokens", message: 'unknown field; did you mean "maxTokens"?' }]);
  });

  it("answers each unknown field with the closest one that object takes, at its own path", () => {
    expect(issuesOf({ ...base, temprature: 1, max_completion_tokens: 5, top_p: 1 })).toEqual([
      { path: "temprature", message: 'unknown field; did you mean "temperature"?' },
      { path: "max_completion_tokens", message: 'unknown field; did you mean "maxTokens"?' },
      { path: "top_p", message: 'unknown field; did you mean "topP"?' },
    ]);
    // A tool message's own field, offered for a tool message, not for another role's.
    const toolTurn = [
      { role: "user", content: "Weather?" },
      { role: "assistant", toolCalls: [{ id: "c1", name: "w", arguments: {} }] },
      { role: "tool", tool_call_id: "c1", content: "sunny" },
    ];
    expect(issuesOf({ ...base, messages: toolTurn })).toContainEqual({ path: "messages[2].tool_call_id", message: 'unknown field; did you mean "toolCallId"?' });
    expect(issuesOf({ ...base, messages: [{ role: "user", content: [{ type: "image", url: "https://x/a.png", mime_type: "image/png" }] }] })).toEqual([
      { path: "messages[0].content[0].mime_type", message: 'unknown field; did you mean "mediaType"?' },
    ]);
  });

  it("lists the fields an object takes when no name is close", () => {
    expect(issuesOf({ ...base, responseFormat: { type: "json", zzzzzz: 1 } })).toEqual([
      { path: "responseFormat.zzzzzz", message: "unknown field; the fields here are type, schema, name" },
    ]);
  });

  it("rejects an image with both url and data", () => {
    expect(issuesOf({ ...base, messages: [{ role: "user", content: [{ type: "image", url: "https://x/a.png", data: "aGk=", mediaType: "image/png" }] }] })).toEqual([
      { path: "messages[0].content[0]", message: "give exactly one of url or data" },
    ]);
  });

  it("checks tool results answer an earlier tool call", () => {
    expect(issuesOf({ ...base, messages: [...base.messages, { role: "tool", toolCallId: "nope", content: "x" }] })).toEqual([
      { path: "messages[1].toolCallId", message: '"nope" answers no toolCalls[].id of an earlier assistant message' },
    ]);
  });

  it("checks tool names, tool choice and schemas", () => {
    const tool = { name: "t", parameters: { type: "object" } };
    expect(issuesOf({ ...base, tools: [tool, tool], toolChoice: { name: "u" } })).toEqual([
      { path: "tools[1].name", message: 'duplicate tool name "t"' },
      { path: "toolChoice.name", message: 'no tool named "u" in tools' },
    ]);
    expect(issuesOf({ ...base, toolChoice: "required" })).toEqual([{ path: "toolChoice", message: "needs tools" }]);
    expect(issuesOf({ ...base, tools: [{ name: "bad name!", parameters: {} }] })[0]?.path).toBe("tools[0].name");
  });

  it.each(["1st_tool", "-tool", "a".repeat(65), "get weather"])("rejects tool name %j, which one of the providers refuses", (name) => {
    const [issue] = issuesOf({ ...base, tools: [{ name, parameters: { type: "object" } }] });
    expect(issue).toEqual({ path: "tools[0].name", message: expect.stringContaining("must start with a letter or _ and be 1-64 characters") as string });
  });

  it.each(["_private", "get-weather", "A1", "a".repeat(64)])("accepts tool name %j", (name) => {
    expect(() => validateRequest({ ...base, tools: [{ name, parameters: { type: "object" } }] })).not.toThrow();
  });

  it.each(["city info", "a".repeat(65), "ville/été"])("rejects responseFormat.name %j (OpenAI's rule, held for every provider)", (name) => {
    expect(issuesOf({ ...base, responseFormat: { type: "json", name, schema: { type: "object" } } })).toEqual([
      { path: "responseFormat.name", message: expect.stringContaining("must be 1-64 characters of a-z, A-Z, 0-9, _ or -") as string },
    ]);
    expect(() => validateRequest({ ...base, responseFormat: { type: "json", name: "city_info-2", schema: { type: "object" } } })).not.toThrow();
  });

  it("rejects schemas it cannot send as JSON Schema", () => {
    const foreign = { "~standard": { version: 1, vendor: "valibot", validate: () => ({ value: 1 }) } };
    expect(issuesOf({ ...base, responseFormat: { type: "json", schema: foreign } })).toEqual([
      {
        path: "responseFormat.schema",
        message: "a valibot schema cannot be converted to JSON Schema: pass a zod 4 schema or a JSON Schema object",
      },
    ]);
  });

  it("needs a conversational message", () => {
    expect(issuesOf({ ...base, messages: [{ role: "system", content: "x" }] })).toEqual([
      { path: "messages", message: "needs at least one non-system message" },
    ]);
  });

  it("accepts an empty assistant turn, as response.message of a refusal is", () => {
    expect(() => validateRequest({ ...base, messages: [...base.messages, { role: "assistant", content: "" }, { role: "user", content: "Why?" }] })).not.toThrow();
  });

  it("puts every problem in one message", () => {
    expect(() => validateRequest({ model: "", messages: [] })).toThrow(
      "Invalid request: model: must be provider/model or an alias; messages: must contain at least one message",
    );
  });
});
