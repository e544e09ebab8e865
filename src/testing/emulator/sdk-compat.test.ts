/**
 * The official SDKs, pointed at the emulator with their default parsing, cannot tell it from the
 * real APIs: plain calls, streams, tool calls and errors all come out as the SDKs' own types.
 */
import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";

let emulator: Emulator;
const weatherSchema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: { openai: ["sk-oai"], anthropic: ["sk-ant"], google: ["AIza-g"] } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("openai", () => {
  const client = () => new OpenAI({ apiKey: "sk-oai", baseURL: emulator.baseURLs.openai, maxRetries: 0 });

  it("chats and streams the same text, with usage", async () => {
    const request = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Say hello" }] };
    const completion = await client().chat.completions.create(request);
    expect(completion.choices[0]?.message.content).toMatch(/\w+/);
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of await client().chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } })) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(completion.choices[0]?.message.content);
    expect(usage).toEqual(completion.usage);
  });

  it("assembles a streamed tool call with the stream helper", async () => {
    const stream = client().chat.completions.stream({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherSchema } }],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(final.choices[0]?.message.tool_calls?.[0]).toMatchObject({ type: "function", function: { name: "get_weather", arguments: '{"city":"example"}' } });
  });

  it("raises its own typed errors with the request id", async () => {
    emulator.script({ respond: { type: "error", status: 429, code: "insufficient_quota" } });
    const error = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "insufficient_quota", type: "insufficient_quota", requestID: expect.stringMatching(/^req_/) as string });
    const wrongKey = new OpenAI({ apiKey: "sk-bad", baseURL: emulator.baseURLs.openai, maxRetries: 0 });
    await expect(wrongKey.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("raises an in-stream error event as an APIError", async () => {
    emulator.script({ respond: { type: "stream-error", afterEvents: 2 } });
    const consume = async () => {
      for await (const _chunk of await client().chat.completions.create({ model: "m", stream: true, messages: [{ role: "user", content: "x" }] }));
    };
    await expect(consume()).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});

describe("anthropic", () => {
  const client = () => new Anthropic({ apiKey: "sk-ant", baseURL: emulator.baseURLs.anthropic, maxRetries: 0 });

  it("chats and streams the same text, with usage", async () => {
    const request = { model: "claude-haiku-4-5", max_tokens: 256, messages: [{ role: "user" as const, content: "Say hello" }] };
    const message = await client().messages.create(request);
    const first = message.content[0];
    expect(first?.type === "text" && first.text).toMatch(/\w+/);
    const stream = client().messages.stream(request);
    let text = "";
    stream.on("text", (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(text).toBe(first?.type === "text" ? first.text : undefined);
    expect(final.usage).toMatchObject({ input_tokens: message.usage.input_tokens, output_tokens: message.usage.output_tokens });
    expect(final.stop_reason).toBe("end_turn");
  });

  it("assembles streamed thinking and a tool call", async () => {
    const final = await client()
      .messages.stream({
        model: "claude-haiku-4-5",
        max_tokens: 4096,
        thinking: { type: "enabled", budget_tokens: 1024 },
        tools: [{ name: "get_weather", input_schema: weatherSchema as Anthropic.Tool.InputSchema }],
        messages: [{ role: "user", content: "Weather?" }],
      })
      .finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(["thinking", "tool_use"]);
    expect(final.content[1]).toMatchObject({ name: "get_weather", input: { city: "example" } });
    expect(final.stop_reason).toBe("tool_use");
  });

  it("raises its own typed errors, in-stream ones too", async () => {
    emulator.script({ respond: { type: "error", status: 529 } });
    const error = await client().messages.create({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ status: 529, requestID: expect.stringMatching(/^req_/) as string });
    emulator.script({ respond: { type: "stream-error", afterEvents: 3 } });
    await expect(client().messages.stream({ model: "m", max_tokens: 10, messages: [{ role: "user", content: "x" }] }).finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });
});

describe("google", () => {
  const client = () => new GoogleGenAI({ apiKey: "AIza-g", httpOptions: { baseUrl: emulator.baseURLs.google } });

  it("chats and streams the same text, with usage", async () => {
    const response = await client().models.generateContent({ model: "gemini-2.5-flash", contents: "Say hello" });
    expect(response.text).toMatch(/\w+/);
    expect(response.responseId).toBeTruthy();
    let text = "";
    let last: Awaited<ReturnType<ReturnType<typeof client>["models"]["generateContent"]>> | undefined;
    for await (const chunk of await client().models.generateContentStream({ model: "gemini-2.5-flash", contents: "Say hello" })) {
      text += chunk.text ?? "";
      last = chunk;
    }
    expect(text).toBe(response.text);
    expect(last?.usageMetadata?.totalTokenCount).toBe(response.usageMetadata?.totalTokenCount);
  });

  it("returns function calls and thoughts", async () => {
    const response = await client().models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Weather?",
      config: { tools: [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: weatherSchema }] }], thinkingConfig: { includeThoughts: true } },
    });
    expect(response.functionCalls).toEqual([{ name: "get_weather", args: { city: "example" } }]);
    expect(response.candidates?.[0]?.content?.parts?.[0]?.thought).toBe(true);
    expect(response.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("raises ApiError with the google.rpc body, in-stream ones too", async () => {
    emulator.script({ respond: { type: "error", status: 429, retryAfterSeconds: 12 } });
    const error = await client().models.generateContent({ model: "gemini-2.5-flash", contents: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).message).toContain('"retryDelay":"12s"');
    emulator.script({ respond: { type: "stream-error", afterEvents: 2 } });
    const consume = async () => {
      for await (const _chunk of await client().models.generateContentStream({ model: "gemini-2.5-flash", contents: "x" }));
    };
    await expect(consume()).rejects.toBeInstanceOf(ApiError);
    const wrongKey = new GoogleGenAI({ apiKey: "AIza-bad", httpOptions: { baseUrl: emulator.baseURLs.google } });
    await expect(wrongKey.models.generateContent({ model: "gemini-2.5-flash", contents: "x" })).rejects.toMatchObject({ status: 400 });
  });
});
