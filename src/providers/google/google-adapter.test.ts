import { afterEach, describe, expect, it, vi } from "vitest";
import { ProxylessError } from "../../core/errors/proxyless-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { AdapterCall, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { GoogleAdapter } from "./google-adapter.js";

const KEY = "AIzaSy-adapter-test-key";
const BASE = "http://gemini.test";

interface SeenRequest {
  readonly url: string;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly signal: AbortSignal;
}

type Responder = (request: SeenRequest) => Response | Promise<Response>;

/** A `fetch` for genai's `httpOptions.fetch` that records what it is asked and answers from `respond`. */
function fakeFetch(respond: Responder): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch = (async (url: string | URL, init?: RequestInit) => {
    const request: SeenRequest = {
      url: String(url),
      headers: new Headers(init?.headers),
      body: JSON.parse(init?.body as string) as Record<string, unknown>,
      signal: init?.signal as AbortSignal,
    };
    seen.push(request);
    return respond(request);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** An SSE body of `chunks`; stays open (until aborted) when `end` is false; `gapMs` between chunks. */
function sse(signal: AbortSignal, chunks: readonly object[], { end = true, gapMs = 0 } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      // Like undici: aborting the request errors the body.
      signal.addEventListener("abort", () => controller.error(new DOMException("This operation was aborted", "AbortError")));
      for (const chunk of chunks) {
        if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
        if (signal.aborted) return;
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\r\n\r\n`));
      }
      if (end) controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

/** Never answers; rejects like fetch once its signal aborts. */
function hang({ signal }: SeenRequest): Promise<Response> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
  });
}

function adapterWith(fetch: typeof globalThis.fetch, settings: Partial<ProviderSettings> = {}): GoogleAdapter {
  return new GoogleAdapter({
    name: "google",
    type: "google",
    baseURL: BASE,
    headers: { "x-team": "search" },
    ...settings,
    clientOptions: { httpOptions: { fetch }, ...settings.clientOptions },
  });
}

const request: ChatRequest = { model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], temperature: 0 };

function callOf(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return { request, model: "gemini-2.5-flash", apiKey: KEY, signal: new AbortController().signal, ...overrides };
}

const textResponse = {
  candidates: [{ content: { role: "model", parts: [{ text: "Hello!" }] }, finishReason: "STOP", index: 0 }],
  usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
  modelVersion: "gemini-2.5-flash",
  responseId: "resp-1",
};

async function collect(parts: AsyncIterable<ProviderStreamPart>): Promise<ProviderStreamPart[]> {
  const out: ProviderStreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<ProxylessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ProxylessError.isInstance(error)) throw new Error(`expected a ProxylessError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("GoogleAdapter.doChat", () => {
  it("goes to v1beta on every SDK major (@google/genai 3 defaults to v1), unless clientOptions choose a version", async () => {
    const pinned = fakeFetch(() => json(textResponse));
    await adapterWith(pinned.fetch).doChat(callOf());
    expect(pinned.seen[0]?.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:generateContent`);
    const chosen = fakeFetch(() => json(textResponse));
    await adapterWith(chosen.fetch, { clientOptions: { httpOptions: { fetch: chosen.fetch, apiVersion: "v1" } } }).doChat(callOf());
    expect(chosen.seen[0]?.url).toBe(`${BASE}/v1/models/gemini-2.5-flash:generateContent`);
  });

  it("calls generateContent on the Gemini Developer API with the key, headers and config", async () => {
    const { fetch, seen } = fakeFetch(() => json(textResponse));
    const result = await adapterWith(fetch).doChat(callOf());
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:generateContent`);
    expect(seen[0]?.headers.get("x-goog-api-key")).toBe(KEY);
    expect(seen[0]?.headers.get("x-team")).toBe("search");
    expect(seen[0]?.body).toEqual({ contents: [{ role: "user", parts: [{ text: "Hi" }] }], generationConfig: { temperature: 0 } });
    expect(result).toMatchObject({
      id: "resp-1",
      model: "gemini-2.5-flash",
      text: "Hello!",
      finishReason: "stop",
      rawFinishReason: "STOP",
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      warnings: [],
    });
  });

  it("stays on the Gemini Developer API when the environment asks for Vertex AI", async () => {
    vi.stubEnv("GOOGLE_GENAI_USE_VERTEXAI", "true");
    vi.stubEnv("GOOGLE_CLOUD_PROJECT", "some-project");
    vi.stubEnv("GOOGLE_CLOUD_LOCATION", "us-central1");
    const { fetch, seen } = fakeFetch(() => json(textResponse));
    await adapterWith(fetch).doChat(callOf());
    expect(seen[0]?.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:generateContent`);
  });

  it("lets clientOptions choose Vertex AI", async () => {
    const adapter = new GoogleAdapter({ name: "vertex", type: "google", clientOptions: { vertexai: true, project: "p", location: "us-central1" } });
    expect((await adapter.getClient(KEY)).vertexai).toBe(true);
    expect((await new GoogleAdapter({ name: "google", type: "google" }).getClient(KEY)).vertexai).toBe(false);
  });

  it("keeps one SDK client per key", async () => {
    const adapter = new GoogleAdapter({ name: "google", type: "google" });
    expect(await adapter.getClient("key-a")).toBe(await adapter.getClient("key-a"));
    expect(await adapter.getClient("key-a")).not.toBe(await adapter.getClient("key-b"));
  });

  it("maps an HTTP error once, without SDK retries", async () => {
    const { fetch, seen } = fakeFetch(() =>
      json(
        {
          error: {
            code: 429,
            status: "RESOURCE_EXHAUSTED",
            message: "Quota exceeded",
            details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" }],
          },
        },
        429,
      ),
    );
    const error = await rejection(adapterWith(fetch).doChat(callOf()));
    expect({ name: error.name, status: error.status, retryAfterMs: error.retryAfterMs, provider: error.provider }).toEqual({
      name: "RateLimitError",
      status: 429,
      retryAfterMs: 37_000,
      provider: "google",
    });
    expect(seen).toHaveLength(1);
  });

  it("times out after timeoutMs", async () => {
    const { fetch } = fakeFetch(hang);
    const error = await rejection(adapterWith(fetch).doChat(callOf({ request: { ...request, timeoutMs: 30 } })));
    expect(error.name).toBe("TimeoutError");
  });

  it("aborts the request with the caller's signal", async () => {
    const controller = new AbortController();
    const { fetch, seen } = fakeFetch(hang);
    const pending = adapterWith(fetch).doChat(callOf({ signal: controller.signal }));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    expect((await rejection(pending)).name).toBe("AbortError");
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("rejects a tool result with no matching call before sending anything", async () => {
    const { fetch, seen } = fakeFetch(() => json(textResponse));
    const bad: ChatRequest = { ...request, messages: [{ role: "tool", toolCallId: "x", content: "1" }] };
    expect((await rejection(adapterWith(fetch).doChat(callOf({ request: bad })))).name).toBe("ValidationError");
    expect(seen).toHaveLength(0);
  });
});

describe("GoogleAdapter.doStream", () => {
  const chunks = [
    { candidates: [{ content: { role: "model", parts: [{ text: "Hel" }] } }], modelVersion: "gemini-2.5-flash", responseId: "r" },
    {
      candidates: [{ content: { role: "model", parts: [{ text: "lo" }] }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
      modelVersion: "gemini-2.5-flash",
      responseId: "r",
    },
  ];

  it("streams parts and ends with exactly one finish", async () => {
    const { fetch, seen } = fakeFetch(({ signal }) => sse(signal, chunks));
    const parts = await collect(adapterWith(fetch).doStream(callOf()));
    expect(seen[0]?.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
    expect(parts.map((p) => p.type)).toEqual(["response-metadata", "response-metadata", "text-delta", "text-delta", "finish"]);
    expect(parts[0]).toEqual({ type: "response-metadata", warnings: [] });
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } });
    expect(seen[0]?.signal.aborted).toBe(false);
  });

  it("closes the HTTP request when the consumer breaks", async () => {
    const { fetch, seen } = fakeFetch(({ signal }) => sse(signal, chunks.slice(0, 1), { end: false }));
    for await (const part of adapterWith(fetch).doStream(callOf())) {
      if (part.type === "text-delta") break;
    }
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("throws StreamInterruptedError when the stream ends without a finish reason", async () => {
    const { fetch } = fakeFetch(({ signal }) => sse(signal, chunks.slice(0, 1)));
    const error = await rejection(collect(adapterWith(fetch).doStream(callOf())));
    expect(error.name).toBe("StreamInterruptedError");
  });

  it("throws StreamInterruptedError on a malformed chunk", async () => {
    const { fetch } = fakeFetch(
      () => new Response('data: {"candidates": [{"content": {"parts": [{"text": "a"}]}}]}\r\n\r\ndata: {"candi\r\n\r\n', { headers: { "content-type": "text/event-stream" } }),
    );
    const error = await rejection(collect(adapterWith(fetch).doStream(callOf())));
    expect(error.name).toBe("StreamInterruptedError");
  });

  it("maps an error chunk inside the stream", async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(`data: ${JSON.stringify(chunks[0])}\r\n\r\ndata: {"error": {"code": 503, "status": "UNAVAILABLE", "message": "overloaded"}}\r\n\r\n`, {
          headers: { "content-type": "text/event-stream" },
        }),
    );
    const error = await rejection(collect(adapterWith(fetch).doStream(callOf())));
    expect({ name: error.name, status: error.status, code: error.code }).toEqual({ name: "OverloadedError", status: undefined, code: "UNAVAILABLE" });
  });

  it("bounds only the wait for the response headers by timeoutMs", async () => {
    const slowBody = fakeFetch(({ signal }) => sse(signal, chunks, { gapMs: 40 }));
    const parts = await collect(adapterWith(slowBody.fetch).doStream(callOf({ request: { ...request, timeoutMs: 30 } })));
    expect(parts.at(-1)?.type).toBe("finish");

    const noHeaders = fakeFetch(hang);
    const error = await rejection(collect(adapterWith(noHeaders.fetch).doStream(callOf({ request: { ...request, timeoutMs: 30 } }))));
    expect(error.name).toBe("TimeoutError");
  });

  it("turns the caller's abort mid-stream into an AbortError", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(({ signal }) => sse(signal, chunks.slice(0, 1), { end: false }));
    const stream = adapterWith(fetch).doStream(callOf({ signal: controller.signal }))[Symbol.asyncIterator]();
    await stream.next();
    await stream.next();
    await stream.next();
    controller.abort();
    expect((await rejection(stream.next())).name).toBe("AbortError");
  });
});
