/**
 * The same calling code against all three providers, over real HTTP through the official SDKs to
 * the emulator: only the model string changes.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { GoogleGenAI } from "@google/genai";
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createClient, type Message } from "proxyless";
import { mockProvider } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const models = ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"] as const;
const weather = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };

const harness = useEmulator("sk-unified");

describe.each(models)("%s", (model) => {
  const provider = model.split("/")[0];

  it("chats", async () => {
    const res = await harness.llm.chat({ model, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Say hello" }], maxTokens: 200 });
    expect(res.provider).toBe(provider);
    expect(res.text.length).toBeGreaterThan(0);
    expect(res.finishReason).toBe("stop");
    expect(res.usage.totalTokens).toBe(res.usage.inputTokens + res.usage.outputTokens);
    expect(res.usage.outputTokens).toBeGreaterThan(0);
    expect(res.meta.attempts).toHaveLength(1);
    expect(harness.emulator.requests[0]?.provider).toBe(provider);
  });

  it("streams the same answer it chats", async () => {
    const req = { model, messages: [{ role: "user" as const, content: "Tell me something" }] };
    const chat = await harness.llm.chat(req);
    let text = "";
    for await (const ev of harness.llm.stream(req)) if (ev.type === "text-delta") text += ev.text;
    const res = await harness.llm.stream(req).final();
    expect(text).toBe(chat.text);
    expect(res.text).toBe(chat.text);
    expect(res.usage).toEqual(chat.usage);
    expect(res.meta.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it("calls a tool and continues with its result", async () => {
    const messages: Message[] = [{ role: "user", content: "Weather in Oslo?" }];
    const first = await harness.llm.chat({ model, messages, tools: [weather] });
    expect(first.finishReason).toBe("tool_calls");
    const call = first.toolCalls[0];
    expect(call).toMatchObject({ name: "get_weather", arguments: { city: expect.any(String) as string } });
    const second = await harness.llm.chat({
      model,
      tools: [weather],
      messages: [...messages, first.message, { role: "tool", toolCallId: call?.id ?? "", content: '{"temp": 21}' }],
    });
    expect(second.finishReason).toBe("stop");
    expect(second.text.length).toBeGreaterThan(0);
  });

  it("streams a tool call", async () => {
    const res = await harness.llm.stream({ model, messages: [{ role: "user", content: "Weather?" }], tools: [weather], toolChoice: { name: "get_weather" } }).final();
    expect(res.toolCalls).toHaveLength(1);
    expect(res.toolCalls[0]?.arguments).toEqual({ city: expect.any(String) as string });
  });

  it("returns a validated structured output", async () => {
    const schema = z.object({ city: z.string(), temperature: z.number(), sunny: z.boolean() });
    const res = await harness.llm.chat({ model, messages: [{ role: "user", content: "Weather as JSON" }], responseFormat: { type: "json", schema } });
    expect(schema.parse(res.object)).toEqual(res.object);
    const streamed = await harness.llm.stream({ model, messages: [{ role: "user", content: "Weather as JSON" }], responseFormat: { type: "json", schema } }).final();
    expect(streamed.object).toEqual(res.object);
  });

  it("parses JSON output without a schema", async () => {
    const res = await harness.llm.chat({ model, messages: [{ role: "user", content: "Answer as a JSON object" }], responseFormat: { type: "json" } });
    expect(res.object).toEqual(JSON.parse(res.text));
    expect(typeof res.object).toBe("object");
  });

  it("passes providerOptions to the wire verbatim, and the type's key only to that type", async () => {
    await harness.llm.chat({
      model,
      messages: [{ role: "user", content: "Hi" }],
      providerOptions: { openai: { user: "u-42" }, anthropic: { metadata: { user_id: "u-42" } }, google: { candidateCount: 1 } },
    });
    const body = harness.emulator.requests[0]?.body as Record<string, unknown>;
    if (provider === "openai") expect(body).toMatchObject({ user: "u-42" });
    if (provider === "anthropic") expect(body).toMatchObject({ metadata: { user_id: "u-42" } });
    if (provider === "google") expect(body).toMatchObject({ generationConfig: { candidateCount: 1 } });
    expect(JSON.stringify(body)).not.toContain(provider === "openai" ? "candidateCount" : '"user":"u-42"');
  });

  it("continues after a refusal by passing response.message back", async () => {
    harness.emulator.script({ respond: { type: "reply", text: "", finish: "refusal" } });
    const refused = await harness.llm.chat({ model, messages: [{ role: "user", content: "Something off-limits" }] });
    const next = await harness.llm.chat({ model, messages: [{ role: "user", content: "Something off-limits" }, refused.message, { role: "user", content: "Then tell me a joke" }] });
    expect(next.text.length).toBeGreaterThan(0);
  });

  it("reports a cut-off answer as length", async () => {
    const res = await harness.llm.chat({ model, messages: [{ role: "user", content: "Talk a lot" }], maxTokens: 3 });
    expect(res.finishReason).toBe("length");
    expect(res.usage.outputTokens).toBe(3);
  });
});

describe("llm.raw()", () => {
  it("hands out the configured official SDK client: same key, same base URL, retries off", async () => {
    const openai = await harness.llm.raw<OpenAI>("openai");
    expect(openai.maxRetries).toBe(0);
    const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
    expect(completion.object).toBe("chat.completion");
    expect(harness.emulator.requests[0]?.apiKeySuffix).toBe("fied");
    const anthropic = await harness.llm.raw<Anthropic>("anthropic");
    const message = await anthropic.messages.create({ model: "claude-haiku-4-5", max_tokens: 50, messages: [{ role: "user", content: "Hi" }] });
    expect(message.type).toBe("message");
    const google = await harness.llm.raw<GoogleGenAI>("google");
    const content = await google.models.generateContent({ model: "gemini-2.5-flash", contents: "Hi" });
    expect(content.text?.length).toBeGreaterThan(0);
  });

  it("says so for a provider without an SDK client", async () => {
    const llm = createClient({ providers: { mock: { adapter: mockProvider() } } });
    await expect(llm.raw("mock")).rejects.toThrow('Provider "mock" has no SDK client to expose');
  });
});
