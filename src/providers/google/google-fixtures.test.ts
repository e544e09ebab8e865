/**
 * Every recorded Gemini fixture through this adapter, compared with the normalisation it must
 * produce (`expected/gemini/*.json`): once through the mappers alone, once through the real SDK
 * (`@google/genai` parsing the recorded bytes from a fake `fetch`), both finished by core.
 */
import { ApiError, type GenerateContentResponse } from "@google/genai";
import { describe, expect, it } from "vitest";
import { expectations, parseSse, readFixture, type ExpectedNormalisation } from "../../../test/helpers/fixtures.js";
import { ProxylessError } from "../../core/errors/proxyless-error.js";
import { finalizeResponse } from "../../core/response/finalize-response.js";
import { StreamAccumulator } from "../../core/stream/stream-accumulator.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { ProviderResult, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { GoogleAdapter } from "./google-adapter.js";
import { GoogleStreamMapper } from "./google-stream-mapper.js";
import { mapGoogleError } from "./map-google-error.js";
import { mapGoogleResponse } from "./map-google-response.js";

/** The recorded Gemini fixtures (`test/fixtures/gemini`) and their expected normalisations. */
const geminiExpectations = expectations("gemini");

const fixtureText = (expected: ExpectedNormalisation): string => readFixture("gemini", expected.file);

/** The `data:` events of an SSE body, as the chunks genai would yield. */
const sseChunks = (body: string): GenerateContentResponse[] => parseSse(body).map((e) => JSON.parse(e.data) as GenerateContentResponse);

const request: ChatRequest = { model: "google/gemini", messages: [{ role: "user", content: "Hi" }] };

async function foldStream(parts: AsyncIterable<ProviderStreamPart> | Iterable<ProviderStreamPart>): Promise<ChatResponse> {
  const acc = new StreamAccumulator();
  for await (const part of parts) {
    if (part.type === "finish") return finalizeResponse(acc.finish(part).result, "google", request);
    acc.accept(part);
  }
  throw new Error("the stream had no finish part");
}

function expectNormalised(response: ChatResponse, expected: ExpectedNormalisation, fixture: string): void {
  expect(response.text).toBe(expected.text);
  expect(response.reasoning).toBe(expected.reasoning === false ? undefined : expected.reasoning);
  expect(response.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments }))).toEqual(expected.toolCalls);
  const ids = response.toolCalls.map((call) => call.id);
  expect(ids.every((id) => /^call_\w+$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(response.finishReason).toBe(expected.finishReason);
  expect(response.rawFinishReason).toBe(expected.rawFinishReason);
  const usage = response.usage as unknown as Record<string, number>;
  expect(Object.fromEntries(Object.keys(expected.usage ?? {}).map((key) => [key, usage[key]]))).toEqual(expected.usage);
  if (expected.strict?.model) expect(response.model).toBe(expected.strict.model);
  // Every thought signature in the recording survives, to go back in the next turn.
  const signatures = [response.message.providerMetadata, ...response.toolCalls.map((call) => call.providerMetadata)].filter(
    (metadata) => typeof metadata?.google?.thoughtSignature === "string",
  );
  expect(signatures).toHaveLength(fixture.match(/"thoughtSignature"/g)?.length ?? 0);
}

/** An adapter whose SDK reads `body` from a fake fetch, as it would from the wire. */
function adapterServing(body: string, status = 200): GoogleAdapter {
  const contentType = status === 200 && body.startsWith("data:") ? "text/event-stream" : "application/json";
  const fetch = (() => Promise.resolve(new Response(body, { status, headers: { "content-type": contentType } }))) as typeof globalThis.fetch;
  return new GoogleAdapter({ name: "google", type: "google", baseURL: "http://gemini.test", clientOptions: { httpOptions: { fetch } } });
}

const call = { request, model: "gemini", apiKey: "AIzaSy-fixture-key", signal: new AbortController().signal };

function withoutIds(result: Pick<ProviderResult, "toolCalls">): boolean {
  return result.toolCalls.every((toolCall) => toolCall.id === undefined);
}

it("finds the Gemini fixtures", () => {
  expect(geminiExpectations.map((e) => e.fixture).sort()).toEqual(
    expect.arrayContaining(["error_404_not_found", "function_call", "function_call_stream_partial_args", "text", "text_stream", "thinking"]),
  );
});

describe.each(geminiExpectations.filter((e) => e.kind === "chat"))("chat fixture $fixture", (expected) => {
  it("normalises through mapGoogleResponse", async () => {
    const body = fixtureText(expected);
    const result = mapGoogleResponse(JSON.parse(body) as GenerateContentResponse);
    // Gemini sends no call ids: the adapter leaves them to core, which synthesises distinct ones.
    expect(withoutIds(result)).toBe(true);
    expectNormalised(await finalizeResponse(result, "google", request), expected, body);
  });

  it("normalises through the SDK and the adapter", async () => {
    const body = fixtureText(expected);
    const result = await adapterServing(body).doChat(call);
    expectNormalised(await finalizeResponse(result, "google", request), expected, body);
  });
});

describe.each(geminiExpectations.filter((e) => e.kind === "stream"))("stream fixture $fixture", (expected) => {
  it("normalises through GoogleStreamMapper", async () => {
    const body = fixtureText(expected);
    const mapper = new GoogleStreamMapper();
    const parts = sseChunks(body).flatMap((chunk) => mapper.map(chunk));
    expect(mapper.finished).toBe(true);
    expect(parts.every((part) => part.type !== "tool-call-delta" || part.id === undefined)).toBe(true);
    expectNormalised(await foldStream([...parts, mapper.finish()]), expected, body);
  });

  it("normalises through the SDK and the adapter", async () => {
    const body = fixtureText(expected);
    expectNormalised(await foldStream(adapterServing(body).doStream(call)), expected, body);
  });
});

describe.each(geminiExpectations.filter((e) => e.kind === "error"))("error fixture $fixture", (expected) => {
  const summary = (error: ProxylessError) => ({ name: error.name, status: error.status, retryable: error.retryable });

  it("classifies the ApiError genai builds from it", () => {
    const body = fixtureText(expected);
    const status = (JSON.parse(body) as { error: { code: number } }).error.code;
    // genai: `new ApiError({ message: JSON.stringify(errorBody), status })` (throwErrorIfNotOK).
    const sdkError = new ApiError({ message: JSON.stringify(JSON.parse(body)), status });
    const error = mapGoogleError(sdkError, { provider: "google", apiKey: undefined, signal: call.signal, streaming: false });
    expect(summary(error)).toEqual(expected.error);
    expect(error.cause).toBe(sdkError);
  });

  it("classifies it through the SDK and the adapter", async () => {
    const body = fixtureText(expected);
    const status = (JSON.parse(body) as { error: { code: number } }).error.code;
    const error: unknown = await adapterServing(body, status).doChat(call).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ProxylessError.isInstance(error) && summary(error)).toEqual(expected.error);
  });
});
