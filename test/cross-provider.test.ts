/**
 * Conversations that survive a change of provider: a tool-use turn made with reasoning on by one
 * provider is continued on each provider (itself included), over real HTTP through the official
 * SDKs to the emulator, which checks replayed thinking the way the real APIs do.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidRequestError, type ChatRequest, type ChatResponse, type Message } from "proxyless";
import type { RecordedRequest } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

type Origin = "openai" | "anthropic" | "google";

/** A model that reasons on each provider, and how it is asked to: manual thinking for Claude. */
const models: Readonly<Record<Origin, Pick<ChatRequest, "model" | "reasoning">>> = {
  openai: { model: "openai/o4-mini", reasoning: { effort: "low" } },
  anthropic: { model: "anthropic/claude-haiku-4-5", reasoning: { budgetTokens: 2048 } },
  google: { model: "google/gemini-3-flash-preview", reasoning: { effort: "low" } },
};
const providers = Object.keys(models) as Origin[];
const pairs = providers.flatMap((origin) => providers.map((target) => [origin, target] as const));
const weather = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };
const question: Message = { role: "user", content: "Weather in Oslo?" };
const SKIP = "skip_thought_signature_validator";

const harness = useEmulator("sk-cross");

type Json = Record<string, unknown>;

function lastRequest(provider: Origin): RecordedRequest {
  const request = harness.emulator.requests.filter((r) => r.provider === provider).at(-1);
  if (!request) throw new Error(`no ${provider} request was recorded`);
  return request;
}

function bodyOf(request: RecordedRequest): Json {
  return request.body as Json;
}

/** The assistant turn to replay: the tool call of the origin, with reasoning on. */
async function toolTurn(origin: Origin, stream: boolean): Promise<ChatResponse> {
  const request: ChatRequest = { ...models[origin], messages: [question], tools: [weather] };
  const res = stream ? await harness.llm.stream(request).final() : await harness.llm.chat(request);
  expect(res.finishReason).toBe("tool_calls");
  expect(res.toolCalls).toHaveLength(1);
  return res;
}

function continuation(first: ChatResponse, target: Origin): ChatRequest {
  const call = first.toolCalls[0];
  return {
    ...models[target],
    tools: [weather],
    messages: [question, first.message, { role: "tool", toolCallId: call?.id ?? "", content: '{"temp": 21}' }],
  };
}

/** The opaque values the origin handed out, none of which may reach another provider. */
function originSecrets(first: ChatResponse): string[] {
  const thinking = first.message.providerMetadata?.anthropic?.thinking;
  const anthropic = Array.isArray(thinking) ? thinking.map((block) => (block as { signature: string }).signature) : [];
  const google = first.toolCalls.map((call) => call.providerMetadata?.google?.thoughtSignature).filter((s): s is string => typeof s === "string");
  return [...anthropic, ...google];
}

function expectSentAsTheTargetWants(origin: Origin, target: Origin, first: ChatResponse, second: ChatResponse): void {
  const sent = bodyOf(lastRequest(target));
  const wire = JSON.stringify(sent);
  if (origin !== target) for (const secret of originSecrets(first)) expect(wire).not.toContain(secret);
  switch (target) {
    case "anthropic": {
      const [, assistant] = sent.messages as { content: Json[] }[];
      const thinking = assistant?.content.filter((block) => block.type === "thinking") ?? [];
      if (origin === "anthropic") {
        // Claude's own thinking goes back verbatim, so thinking stays on.
        expect(thinking).toEqual(first.message.providerMetadata?.anthropic?.thinking);
        expect(sent.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
      } else {
        // Foreign reasoning is never sent as a thinking block; the tool loop continues without thinking.
        expect(thinking).toEqual([]);
        expect(assistant?.content[0]).toMatchObject({ type: "tool_use", name: "get_weather" });
        expect(sent.thinking).toEqual({ type: "disabled" });
        expect(second.meta.warnings).toContainEqual(expect.objectContaining({ setting: "reasoning", message: expect.stringContaining("thinking turned off") as string }));
      }
      return;
    }
    case "google": {
      const [, model] = sent.contents as { role: string; parts: Json[] }[];
      const call = model?.parts.find((part) => part.functionCall !== undefined);
      const own = first.toolCalls[0]?.providerMetadata?.google?.thoughtSignature;
      expect(model?.role).toBe("model");
      if (origin === "google") {
        expect(typeof own).toBe("string");
        expect(call?.thoughtSignature).toBe(own);
      } else {
        // The placeholder Google documents for function calls Gemini did not make.
        expect(call?.thoughtSignature).toBe(SKIP);
      }
      return;
    }
    case "openai": {
      const [, assistant] = sent.messages as Json[];
      // Chat Completions has no field for reasoning or signatures: only the standard keys go out.
      expect(Object.keys(assistant ?? {}).sort()).toEqual(["content", "role", "tool_calls"]);
      expect(assistant?.tool_calls).toEqual([{ id: first.toolCalls[0]?.id, type: "function", function: { name: "get_weather", arguments: first.toolCalls[0]?.argumentsText } }]);
      return;
    }
  }
}

describe("a tool-use turn made with reasoning on, continued on another provider", () => {
  it.each(pairs)("%s → %s", async (origin, target) => {
    const first = await toolTurn(origin, false);
    const second = await harness.llm.chat(continuation(first, target));
    expect(second.provider).toBe(target);
    expect(second.finishReason).toBe("stop");
    expect(second.text).toContain("The tool returned");
    expect(harness.emulator.requests.map((r) => r.status)).toEqual([200, 200]);
    expectSentAsTheTargetWants(origin, target, first, second);
  });

  it.each(pairs)("%s → %s, streamed both ways", async (origin, target) => {
    const first = await toolTurn(origin, true);
    const second = await harness.llm.stream(continuation(first, target)).final();
    expect(second.finishReason).toBe("stop");
    expect(harness.emulator.requests.map((r) => r.status)).toEqual([200, 200]);
    expectSentAsTheTargetWants(origin, target, first, second);
  });

  it("gives the origin's data back on a third turn with the origin again", async () => {
    const first = await toolTurn("google", false);
    const second = await harness.llm.chat(continuation(first, "anthropic"));
    const third = await harness.llm.chat({ ...models.google, tools: [weather], messages: [...continuation(first, "anthropic").messages, second.message, { role: "user", content: "Thanks" }] });
    expect(third.provider).toBe("google");
    expect(harness.emulator.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    const [, model] = bodyOf(lastRequest("google")).contents as { parts: Json[] }[];
    expect(model?.parts.find((part) => part.functionCall !== undefined)?.thoughtSignature).toBe(first.toolCalls[0]?.providerMetadata?.google?.thoughtSignature);
  });
});

describe("what the emulator refuses, as the real APIs do", () => {
  it("Anthropic: a thinking block whose signature it did not make", async () => {
    const first = await toolTurn("anthropic", false);
    const stored = first.message.providerMetadata?.anthropic?.thinking as Json[];
    const edited = { ...first.message, providerMetadata: { anthropic: { thinking: stored.map((block) => ({ ...block, thinking: `${block.thinking as string} (edited)` })) } } };
    const request = continuation({ ...first, message: edited }, "anthropic");
    const error = await harness.llm.chat(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining("Invalid `signature` in `thinking` block") as string });
  });

  it("Anthropic: a signature made by another emulator", async () => {
    const response = await fetch(`${harness.emulator.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-cross", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({
        model: "claude-haiku-4-5",
        max_tokens: 100,
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: [{ type: "thinking", thinking: "Let me think.", signature: "c2lnbmVkIGVsc2V3aGVyZQ==" }, { type: "text", text: "Hello" }] },
          { role: "user", content: "Again" },
        ],
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", message: "messages.1.content.0: Invalid `signature` in `thinking` block" } });
  });

  it("Gemini 3: a replayed function call of the current turn without a thought signature, but takes the placeholder", async () => {
    const send = (signature: Json) =>
      fetch(`${harness.emulator.url}/v1beta/models/gemini-3-flash-preview:generateContent`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-goog-api-key": "sk-cross" },
        body: JSON.stringify({
          contents: [
            { role: "user", parts: [{ text: "Weather in Oslo?" }] },
            { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Oslo" } }, ...signature }] },
            { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 21 } } }] },
          ],
        }),
      });
    const refused = await send({});
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { status: "INVALID_ARGUMENT", message: expect.stringContaining("Function call is missing a thought_signature") as string } });
    expect((await send({ thoughtSignature: SKIP })).status).toBe(200);
  });
});
