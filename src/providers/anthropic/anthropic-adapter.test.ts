import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { AdapterCall, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { AnthropicAdapter } from "./anthropic-adapter.js";
import type { RateLimitSource } from "../../core/types/provider-adapter.js";

// The recorded fixtures are checked against the mappers in anthropic-fixtures.test.ts; here the
// SDK plumbing is what is tested, with small literal replies.
const textReply = JSON.stringify({
  id: "msg_01",
  type: "message",
  role: "assistant",
  model: "claude-test",
  content: [{ type: "text", text: "Hello!" }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 3 },
});

const request: ChatRequest = { model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], seed: 1 };
const rateHeaders = { "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "49" };

interface Sent {
  readonly url: string;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly signal: AbortSignal | undefined;
}

/** An adapter whose SDK client talks to `reply` instead of the network, recording what it sent. */
function setup(reply: (sent: Sent) => Response, settings: { headers?: Record<string, string>; clientOptions?: Record<string, unknown> } = {}) {
  const sent: Sent[] = [];
  // The SDK calls fetch with a URL string and a JSON string body.
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    const request = {
      url,
      headers: new Headers(init?.headers),
      body: JSON.parse(init?.body as string) as Record<string, unknown>,
      signal: init?.signal ?? undefined,
    };
    sent.push(request);
    return Promise.resolve(reply(request));
  });
  const adapter = new AnthropicAdapter({
    name: "claude",
    type: "anthropic",
    baseURL: "http://127.0.0.1:9",
    ...(settings.headers ? { headers: settings.headers } : {}),
    clientOptions: { fetch, ...settings.clientOptions },
  });
  return { adapter, sent, fetch };
}

const call = (overrides: Partial<AdapterCall> = {}): AdapterCall => ({
  request,
  // Not a model the SDK knows: it warns on the console about deprecated ones.
  model: "claude-test",
  apiKey: "sk-ant-key-1",
  signal: new AbortController().signal,
  ...overrides,
});

const json = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "application/json", "request-id": "req_1", ...headers } });

function sse(chunks: readonly string[], { close = true } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (close) controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "request-id": "req_2", ...rateHeaders } });
}

const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const messageStart = event("message_start", {
  message: { id: "msg_s", type: "message", role: "assistant", model: "claude-test", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } },
});
const toolStream = [
  messageStart,
  "event: ping\ndata: {\"type\": \"ping\"}\n\n",
  event("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} } }),
  event("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '{"city":' } }),
  event("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '"Paris"}' } }),
  event("content_block_stop", { index: 0 }),
  event("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 20 } }),
  event("message_stop", {}),
].join("");

async function collect(parts: AsyncIterable<ProviderStreamPart>): Promise<ProviderStreamPart[]> {
  const out: ProviderStreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Rate limits are parsed on first read: adapters hand over a function. */
function rateLimitOf(result: { rateLimit?: RateLimitSource }): unknown {
  return typeof result.rateLimit === "function" ? result.rateLimit() : result.rateLimit;
}

describe("AnthropicAdapter", () => {
  it("chats through the SDK with our key only, retries off, and reads request id and rate limits", async () => {
    vi.stubEnv("ANTHROPIC_AUTH_TOKEN", "token-from-env");
    const { adapter, sent, fetch } = setup(() => json(textReply, 200, rateHeaders));
    const result = await adapter.doChat(call());
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sent[0]?.url).toBe("http://127.0.0.1:9/v1/messages");
    expect(sent[0]?.body).toEqual({ model: "claude-test", messages: [{ role: "user", content: "Hi" }], max_tokens: 4096, stream: false });
    // SDK 1.x sends the key as a bearer token (API version 2026-10-21).
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer sk-ant-key-1");
    expect(sent[0]?.headers.get("x-api-key")).toBeNull();
    expect(sent[0]?.headers.get("x-stainless-retry-count")).toBe("0");
    expect(result).toMatchObject({
      id: "msg_01",
      text: "Hello!",
      finishReason: "stop",
      requestId: "req_1",
      warnings: [{ type: "unsupported", setting: "seed", message: "Anthropic has no seed" }],
    });
    expect(rateLimitOf(result)).toMatchObject({ requests: { limit: 50, remaining: 49 } });
  });

  it("sends configured headers, and lets a credential given in clientOptions replace the key", async () => {
    const headers = { "anthropic-beta": "x-2026", "anthropic-version": "2023-06-01" };
    const { adapter, sent } = setup(() => json(textReply), { headers, clientOptions: { authToken: "oauth-token" } });
    await adapter.doChat(call());
    expect(sent[0]?.headers.get("anthropic-beta")).toBe("x-2026");
    // The escape hatch for sampling parameters: configured headers override the SDK's API version.
    expect(sent[0]?.headers.get("anthropic-version")).toBe("2023-06-01");
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer oauth-token");
  });

  it("keeps one SDK client per key", async () => {
    const { adapter } = setup(() => json(textReply));
    const [a, b, c] = await Promise.all([adapter.getClient("k1"), adapter.getClient("k1"), adapter.getClient("k2")]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("maps an HTTP error without retrying it in the SDK", async () => {
    const body = JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "Slow down" } });
    const { adapter, fetch } = setup(() => json(body, 429, { "retry-after": "7" }));
    await expect(adapter.doChat(call())).rejects.toMatchObject({
      name: "RateLimitError",
      provider: "claude",
      status: 429,
      retryAfterMs: 7000,
      requestId: "req_1",
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("streams the raw events into parts, ending with one finish part", async () => {
    const { adapter, sent } = setup(() => sse([toolStream]));
    const parts = await collect(adapter.doStream(call()));
    expect(sent[0]?.body).toMatchObject({ stream: true });
    expect(parts[0]).toMatchObject({
      type: "response-metadata",
      warnings: [{ type: "unsupported", setting: "seed", message: "Anthropic has no seed" }],
      requestId: "req_2",
    });
    expect(rateLimitOf(parts[0] as { rateLimit?: RateLimitSource })).toMatchObject({ requests: { limit: 50, remaining: 49 } });
    expect(parts.filter((p) => p.type === "tool-call-delta" || p.type === "tool-call-end")).toEqual([
      { type: "tool-call-delta", index: 0, id: "toolu_1", name: "get_weather", argumentsDelta: "" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 0, argumentsDelta: '"Paris"}' },
      { type: "tool-call-end", index: 0 },
    ]);
    expect(parts.filter((p) => p.type === "finish")).toHaveLength(1);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: "tool_calls", rawFinishReason: "tool_use" });
  });

  it("aborts the HTTP request when the consumer stops early", async () => {
    const { adapter, sent } = setup(() => sse([messageStart, event("content_block_start", { index: 0, content_block: { type: "text", text: "" } })], { close: false }));
    for await (const part of adapter.doStream(call())) {
      if (part.type === "response-metadata" && part.id) break;
    }
    expect(sent[0]?.signal?.aborted).toBe(true);
  });

  it("fails a stream that ends without a stop reason instead of finishing it", async () => {
    const { adapter } = setup(() => sse([messageStart, event("content_block_start", { index: 0, content_block: { type: "text", text: "" } })]));
    await expect(collect(adapter.doStream(call()))).rejects.toMatchObject({ name: "StreamInterruptedError", provider: "claude" });
  });

  it("turns an error event inside the stream into a typed error", async () => {
    const overloaded = `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } })}\n\n`;
    const { adapter } = setup(() => sse([messageStart, overloaded]));
    await expect(collect(adapter.doStream(call()))).rejects.toMatchObject({ name: "OverloadedError", retryable: true, code: "overloaded_error" });
  });

  it("reports a caller's abort as an AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    const { adapter } = setup(() => json(textReply));
    await expect(adapter.doChat(call({ signal: controller.signal }))).rejects.toMatchObject({ name: "AbortError" });
  });
});
