/**
 * Every recorded provider response (test/fixtures) is served by the emulator, read by the real
 * official SDK over HTTP, normalised by proxyless, and compared with its expected normalisation.
 *
 * The `responses_*` fixture answers OpenAI's Responses API, which proxyless does not speak yet
 * (docs/providers.md lists the gap): it is the only one left out, by its `api` field.
 */
import { describe, expect, it } from "vitest";
import { type ChatResponse, type ProxylessError, type StreamEvent } from "proxyless";

import { expectations, fixturePath, type ExpectedNormalisation, type FixtureProvider } from "./helpers/fixtures.js";
import { useEmulator } from "./helpers/use-emulator.js";

const providerName: Record<FixtureProvider, "openai" | "anthropic" | "google"> = { openai: "openai", anthropic: "anthropic", gemini: "google" };

const harness = useEmulator("sk-conformance");

function request(expected: ExpectedNormalisation): { model: string; messages: { role: "user"; content: string }[] } {
  return { model: `${providerName[expected.provider]}/${expected.strict?.model ?? "recorded-model"}`, messages: [{ role: "user", content: "Replay" }] };
}

function serve(expected: ExpectedNormalisation): void {
  const status = expected.error?.status ?? 200;
  harness.emulator.script({
    provider: providerName[expected.provider],
    respond: {
      type: "replay",
      file: fixturePath(expected.provider, expected.file),
      status,
      // The recorded bodies come without their headers; a 429 carries retry-after in real life.
      headers: status === 429 ? { "retry-after": "1" } : {},
    },
  });
}

function checkResponse(res: ChatResponse, expected: ExpectedNormalisation): void {
  expect(res.text).toBe(expected.text);
  expect(res.reasoning).toBe(expected.reasoning === false ? undefined : expected.reasoning);
  expect(res.refusal).toBe(expected.refusal);
  expect(res.finishReason).toBe(expected.finishReason);
  expect(res.rawFinishReason).toBe(expected.rawFinishReason);
  expect(res.usage).toMatchObject({ ...expected.usage, ...expected.strict?.usage });
  expect(res.model).toBe(expected.strict?.model);
  expect(res.toolCalls.map((c) => c.name)).toEqual(expected.toolCalls?.map((c) => c.name));
  expected.toolCalls?.forEach((want, i) => {
    const got = res.toolCalls[i];
    if ("arguments" in want) expect(got?.arguments).toEqual(want.arguments);
    if (want.argumentsText !== undefined) expect(got?.argumentsText).toBe(want.argumentsText);
    expect(got?.truncated).toBe(want.truncated);
  });
  const ids = res.toolCalls.map((c) => c.id);
  expected.strict?.toolCallIds?.forEach((want, i) => {
    if (want === true) expect(ids[i]).toMatch(/^call_/);
    else expect(ids[i]).toBe(want);
  });
  expect(new Set(ids).size).toBe(ids.length);
  expect(harness.emulator.requests).toHaveLength(1);
}

for (const provider of ["openai", "anthropic", "gemini"] as const) {
  describe(`conformance: ${provider}`, () => {
    const cases = expectations(provider).filter((e) => e.api === "chat");

    it.each(cases.filter((e) => e.kind === "chat").map((e) => [e.fixture, e] as const))("chat %s", async (_name, expected) => {
      serve(expected);
      checkResponse(await harness.llm.chat(request(expected)), expected);
    });

    it.each(cases.filter((e) => e.kind === "stream").map((e) => [e.fixture, e] as const))("stream %s", async (_name, expected) => {
      serve(expected);
      const events: StreamEvent[] = [];
      for await (const event of harness.llm.stream(request(expected))) events.push(event);
      const finish = events.at(-1);
      if (finish?.type !== "finish") throw new Error("the stream did not end with finish");
      checkResponse(finish.response, expected);
      expect(events.filter((e) => e.type === "finish")).toHaveLength(1);
      expect(events.map((e) => (e.type === "text-delta" ? e.text : "")).join("")).toBe(finish.response.text);
      expect(events.filter((e) => e.type === "tool-call").map((e) => e.type === "tool-call" && e.toolCall)).toEqual(finish.response.toolCalls);
    });

    it.each(cases.filter((e) => e.kind === "error").map((e) => [e.fixture, e] as const))("error %s", async (_name, expected) => {
      serve(expected);
      const error = (await harness.llm.chat(request(expected)).catch((e: unknown) => e)) as ProxylessError;
      expect({ name: error.name, status: error.status, retryable: error.retryable }).toEqual(expected.error);
      expect(error.provider).toBe(providerName[provider]);
      expect(error.cause).toBeDefined();
    });
  });
}
