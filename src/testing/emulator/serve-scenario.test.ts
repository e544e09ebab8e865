/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- these tests walk provider JSON read loosely (WireAnswer.json) */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import type { EmulatedProvider } from "./scenario.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, parseSse, post, sseJson } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;

/** A minimal valid request for each provider, streaming or not. */
function call(provider: EmulatedProvider, stream = false, model = "m") {
  const content = "Hello";
  if (provider === "openai") return post(`${emulator.baseURLs.openai}/chat/completions`, { model, stream, messages: [{ role: "user", content }] }, authHeaders.openai);
  if (provider === "anthropic") return post(`${emulator.url}/v1/messages`, { model, stream, max_tokens: 100, messages: [{ role: "user", content }] }, authHeaders.anthropic);
  const action = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  return post(`${emulator.url}/v1beta/models/${model}:${action}`, { contents: [{ role: "user", parts: [{ text: content }] }] }, authHeaders.google);
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("scripted errors", () => {
  it("OpenAI: 429 rate_limit_exceeded with type requests, retry-after and retry-after-ms", async () => {
    emulator.script({ respond: { type: "error", status: 429, retryAfterSeconds: 7 } });
    const answer = await call("openai");
    expect(answer.status).toBe(429);
    expect(answer.json.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
    expect(answer.headers.get("retry-after")).toBe("7");
    expect(answer.headers.get("retry-after-ms")).toBe("7000");
    expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("OpenAI: insufficient_quota has that type and code", async () => {
    emulator.script({ respond: { type: "error", status: 429, code: "insufficient_quota" } });
    expect((await call("openai")).json.error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
  });

  it.each([
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [403, "permission_error"],
    [404, "not_found_error"],
    [413, "request_too_large"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [529, "overloaded_error"],
  ])("Anthropic: %i is %s", async (status, type) => {
    emulator.script({ respond: { type: "error", status, retryAfterSeconds: 3 } });
    const answer = await call("anthropic");
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ type: "error", error: { type }, request_id: answer.headers.get("request-id") });
    expect(answer.headers.get("retry-after")).toBe("3");
  });

  it("Anthropic: an explicit code and message win", async () => {
    emulator.script({ respond: { type: "error", status: 402, code: "billing_error", message: "Your credit balance is too low" } });
    expect((await call("anthropic")).json.error).toEqual({ type: "billing_error", message: "Your credit balance is too low" });
  });

  it.each([
    [400, "INVALID_ARGUMENT"],
    [403, "PERMISSION_DENIED"],
    [404, "NOT_FOUND"],
    [500, "INTERNAL"],
    [503, "UNAVAILABLE"],
    [504, "DEADLINE_EXCEEDED"],
  ])("Gemini: %i is %s", async (status, name) => {
    emulator.script({ respond: { type: "error", status } });
    const answer = await call("google");
    expect(answer.status).toBe(status);
    expect(answer.json.error).toMatchObject({ code: status, status: name });
  });

  it("Gemini: a 429 carries QuotaFailure and RetryInfo, and no retry-after header", async () => {
    emulator.script({ respond: { type: "error", status: 429, retryAfterSeconds: 37, quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier" } });
    const answer = await call("google");
    expect(answer.json.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" });
    expect(answer.json.error.details).toEqual([
      expect.objectContaining({ "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [expect.objectContaining({ quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier" })] }),
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" },
    ]);
    expect(answer.headers.get("retry-after")).toBeNull();
  });

  it("adds the scenario's own headers", async () => {
    emulator.script({ respond: { type: "error", status: 500, headers: { "x-should-retry": "false" } } });
    expect((await call("openai")).headers.get("x-should-retry")).toBe("false");
  });
});

describe("stream faults", () => {
  it.each([
    ["openai", (text: string) => expect(sseJson(text).at(-1)).toMatchObject({ error: { type: "server_error", code: "boom" } })],
    ["anthropic", (text: string) => expect(parseSse(text).at(-1)).toEqual({ event: "error", data: JSON.stringify({ type: "error", error: { type: "boom", message: "Overloaded" } }) })],
    ["google", (text: string) => expect(sseJson(text).at(-1)).toEqual({ error: { code: 500, message: "Overloaded", status: "boom" } })],
  ] as const)("%s: stream-error sends the provider's error event after N events", async (provider, check) => {
    emulator.script({ respond: { type: "stream-error", afterEvents: 2, code: "boom", ...(provider === "anthropic" ? {} : { message: "Overloaded" }) } });
    const answer = await call(provider, true);
    expect(answer.status).toBe(200);
    expect(parseSse(answer.text)).toHaveLength(3);
    check(answer.text);
  });

  it("Anthropic and Gemini default to an overloaded error event", async () => {
    emulator.script({ respond: { type: "stream-error", afterEvents: 1 }, times: 2 });
    expect(sseJson((await call("anthropic", true)).text).at(-1)).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(sseJson((await call("google", true)).text).at(-1).error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
  });

  it.each(["openai", "anthropic", "google"] as const)("%s: cut destroys the socket after N events", async (provider) => {
    emulator.script({ respond: { type: "cut", afterEvents: 3 } });
    await expect(call(provider, true)).rejects.toThrow();
    const record = emulator.requests[0];
    await record?.completed;
    expect(record).toMatchObject({ status: 200, clientClosed: false });
  });

  it.each(["openai", "anthropic", "google"] as const)("%s: malformed sends a broken data line, then ends", async (provider) => {
    emulator.script({ respond: { type: "malformed", afterEvents: 2 } });
    const events = parseSse((await call(provider, true)).text);
    expect(events).toHaveLength(3);
    expect(() => JSON.parse(events.at(-1)?.data ?? "") as unknown).toThrow();
  });

  it.each(["openai", "anthropic", "google"] as const)("%s: a stream-error on a non-streaming request is a 500", async (provider) => {
    emulator.script({ respond: { type: "stream-error", afterEvents: 1 } });
    expect((await call(provider)).status).toBe(500);
  });

  it.each(["openai", "anthropic", "google"] as const)("%s: cut on a non-streaming request drops the connection halfway through the JSON", async (provider) => {
    emulator.script({ respond: { type: "cut", afterEvents: 1 } });
    await expect(call(provider)).rejects.toThrow(/terminated/);
    expect(emulator.requests[0]).toMatchObject({ status: 200, clientClosed: false });
  });

  it.each(["openai", "anthropic", "google"] as const)("%s: malformed on a non-streaming request is half a JSON body, cleanly ended", async (provider) => {
    emulator.script({ respond: { type: "malformed", afterEvents: 1 } });
    const answer = await call(provider);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith("{")).toBe(true);
    expect(answer.json).toBeUndefined();
  });
});

describe("reset", () => {
  it.each([false, true])("destroys the socket before any answer (stream: %s)", async (stream) => {
    emulator.script({ respond: { type: "reset" } });
    await expect(call("openai", stream)).rejects.toThrow(/fetch failed/);
    await emulator.requests[0]?.completed;
    expect(emulator.requests[0]).toMatchObject({ clientClosed: false });
    expect(emulator.requests[0]?.status).toBeUndefined();
  });
});

describe("echoKey", () => {
  it.each(["openai", "anthropic", "google"] as const)("%s: an error echoes the key in its message, a header and the body", async (provider) => {
    emulator.script({ respond: { type: "error", status: 401, echoKey: true } });
    const answer = await call(provider);
    const key = Object.values(authHeaders[provider])[0]?.replace(/^Bearer /, "") as string;
    expect(answer.status).toBe(401);
    expect(answer.headers.get("x-emulator-echo-key")).toBe(key);
    expect(answer.json.error.echo).toBe(key);
    expect(answer.json.error.message).toContain(key);
  });

  it("a stream error echoes it in the event's message", async () => {
    emulator.script({ respond: { type: "stream-error", afterEvents: 1, echoKey: true } });
    const answer = await call("anthropic", true);
    expect(answer.text).toContain("sk-ant-test-0002");
    expect(answer.headers.get("x-emulator-echo-key")).toBe("sk-ant-test-0002");
  });
});

describe("hang", () => {
  it("never answers until the client leaves", async () => {
    emulator.script({ respond: { type: "hang" } });
    const controller = new AbortController();
    const pending = post(`${emulator.baseURLs.openai}/chat/completions`, { model: "m", messages: [{ role: "user", content: "x" }] }, authHeaders.openai, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.requests[0]?.status).toBeUndefined();
    controller.abort();
    await expect(pending).rejects.toThrow();
    await emulator.requests[0]?.completed;
    expect(emulator.requests[0]?.clientClosed).toBe(true);
    expect(emulator.requests[0]?.closedAt).toBeGreaterThanOrEqual(emulator.requests[0]?.receivedAt ?? Infinity);
  });
});

describe("replay", () => {
  const sse = 'data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"finishReason":"STOP"}]}\r\n\r\n';

  it("serves a JSON body verbatim with its status and headers", async () => {
    const body = '{"error": {"code": 404, "message": "models/x is not found", "status": "NOT_FOUND"}}';
    emulator.script({ respond: { type: "replay", body, status: 404, headers: { "x-extra": "1" } } });
    const answer = await call("google");
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(body);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(answer.headers.get("x-extra")).toBe("1");
  });

  it("serves an SSE body verbatim, paced with chunkDelayMs", async () => {
    const twice = sse + sse;
    emulator.script({ respond: { type: "replay", body: twice, chunkDelayMs: 5 } });
    const answer = await call("google", true);
    expect(answer.headers.get("content-type")).toContain("text/event-stream");
    expect(answer.text).toBe(twice);
  });

  it("reads a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-replay-"));
    try {
      const file = join(dir, "reply.sse.txt");
      await writeFile(file, sse);
      emulator.script({ respond: { type: "replay", file } });
      expect((await call("google", true)).text).toBe(sse);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("answers 500 naming the problem when the file is missing", async () => {
    emulator.script({ respond: { type: "replay", file: "/nonexistent/emulator-fixture.json" } });
    const answer = await call("openai");
    expect(answer.status).toBe(500);
    expect(answer.json.error.message).toContain("emulator-fixture.json");
    expect(emulator.requests[0]?.status).toBe(500);
  });
});

describe("scripts", () => {
  it("are consumed first in, first out, each `times` times, by matching requests only", async () => {
    emulator.script({ provider: "anthropic", respond: { type: "error", status: 529 } });
    emulator.script({ match: (request) => request.model === "special", times: 2, respond: { type: "reply", text: "special answer" } });
    emulator.script({ respond: { type: "reply", text: "first" } });
    emulator.script({ respond: { type: "reply", text: "second" } });
    expect((await call("openai", false, "special")).json.choices[0].message.content).toBe("special answer");
    expect((await call("openai")).json.choices[0].message.content).toBe("first");
    expect((await call("google", false, "special")).json.candidates[0].content.parts[0].text).toBe("special answer");
    expect((await call("anthropic")).status).toBe(529);
    expect((await call("openai")).json.choices[0].message.content).toBe("second");
    expect((await call("openai")).json.choices[0].message.content).not.toBe("second");
  });

  it("with times Infinity answer forever", async () => {
    emulator.script({ times: Infinity, respond: { type: "error", status: 503 } });
    for (let i = 0; i < 3; i += 1) expect((await call("google")).status).toBe(503);
  });

  it("are not consumed by invalid requests", async () => {
    emulator.script({ respond: { type: "reply", text: "scripted" } });
    expect((await post(`${emulator.baseURLs.openai}/chat/completions`, { model: "m", messages: [] }, authHeaders.openai)).status).toBe(400);
    expect((await call("openai")).json.choices[0].message.content).toBe("scripted");
  });

  it("reply overrides stream like generated replies", async () => {
    emulator.script({ respond: { type: "reply", text: "one two three", usage: { inputTokens: 50 } } });
    const chunks = sseJson((await call("anthropic", true)).text);
    expect(chunks.filter((event) => event.type === "content_block_delta").map((event) => event.delta.text)).toEqual(["one", " two", " three"]);
    expect(chunks[0].message.usage.input_tokens).toBe(50);
  });

  it("refuse times below 1", () => {
    expect(() => emulator.script({ times: 0, respond: { type: "hang" } })).toThrow(RangeError);
  });
});
