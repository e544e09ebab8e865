/**
 * Provider failures, injected by the emulator, reach the caller as typed errors with what the
 * provider said (status, retry-after, request id) for all three providers.
 */
import { describe, expect, it } from "vitest";
import { createClient, type ProxylessError, type StreamEvent } from "proxyless";
import type { Scenario } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const harness = useEmulator("sk-faults");

const providers = ["openai", "anthropic", "google"] as const;
const messages = [{ role: "user" as const, content: "Hello" }];

async function chatError(provider: string, respond: Scenario, extra: object = {}): Promise<ProxylessError> {
  harness.emulator.script({ respond });
  return (await harness.llm.chat({ model: `${provider}/m`, messages, ...extra }).catch((e: unknown) => e)) as ProxylessError;
}

async function streamError(provider: string, respond: Scenario): Promise<{ error: ProxylessError; events: StreamEvent[] }> {
  harness.emulator.script({ respond });
  const events: StreamEvent[] = [];
  try {
    for await (const ev of harness.llm.stream({ model: `${provider}/m`, messages })) events.push(ev);
  } catch (error) {
    return { error: error as ProxylessError, events };
  }
  throw new Error("the stream did not fail");
}

describe.each(providers)("%s", (provider) => {
  it("429 with retry-after is a retryable RateLimitError", async () => {
    const error = await chatError(provider, { type: "error", status: 429, retryAfterSeconds: 7 });
    expect(error).toMatchObject({ name: "RateLimitError", status: 429, retryable: true, retryAfterMs: 7000, provider });
  });

  it("a quota 429 is a non-retryable QuotaExceededError", async () => {
    const respond: Scenario =
      provider === "google"
        ? { type: "error", status: 429, quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier", retryAfterSeconds: 30 }
        : provider === "openai"
          ? { type: "error", status: 429, code: "insufficient_quota" }
          : { type: "error", status: 402, code: "billing_error", message: "Your credit balance is too low" };
    const error = await chatError(provider, respond);
    expect(error).toMatchObject({ name: "QuotaExceededError", retryable: false });
  });

  it("server trouble is retryable, overload is OverloadedError", async () => {
    expect(await chatError(provider, { type: "error", status: 500 })).toMatchObject({ name: "ServerError", status: 500, retryable: true });
    const overloaded = await chatError(provider, { type: "error", status: provider === "anthropic" ? 529 : 503 });
    expect(overloaded).toMatchObject({ name: "OverloadedError", retryable: true });
  });

  it("auth, permission, not found are not retryable", async () => {
    expect(await chatError(provider, { type: "error", status: 401 })).toMatchObject({ name: "AuthenticationError", retryable: false });
    expect(await chatError(provider, { type: "error", status: 403 })).toMatchObject({ name: "PermissionError", retryable: false });
    expect(await chatError(provider, { type: "error", status: 404 })).toMatchObject({ name: "NotFoundError", retryable: false });
  });

  it("an error event inside a 200 stream is a typed error", async () => {
    const code = provider === "anthropic" ? "overloaded_error" : provider === "openai" ? "server_error" : "UNAVAILABLE";
    const { error, events } = await streamError(provider, { type: "stream-error", afterEvents: 2, code });
    expect(error.retryable).toBe(true);
    expect(["OverloadedError", "ServerError"]).toContain(error.name);
    expect(events.some((e) => e.type === "finish")).toBe(false);
  });

  it("a connection cut mid-stream is a StreamInterruptedError, never a short finish", async () => {
    const { error, events } = await streamError(provider, { type: "cut", afterEvents: 3 });
    expect(error.name).toBe("StreamInterruptedError");
    expect(events.some((e) => e.type === "finish")).toBe(false);
  });

  it("a malformed chunk is a StreamInterruptedError", async () => {
    const { error } = await streamError(provider, { type: "malformed", afterEvents: 2 });
    expect(error.name).toBe("StreamInterruptedError");
  });

  it("a hanging provider times out with timeoutMs", async () => {
    const error = await chatError(provider, { type: "hang" }, { timeoutMs: 150 });
    expect(error).toMatchObject({ name: "TimeoutError", retryable: true });
  });

  it("aborting a hanging call is an AbortError", async () => {
    harness.emulator.script({ respond: { type: "hang" } });
    const controller = new AbortController();
    const pending = harness.llm.chat({ model: `${provider}/m`, messages, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError", retryable: false });
  });

  it("keeps the provider's request id and rate-limit headers", async () => {
    const res = await harness.llm.chat({ model: `${provider}/m`, messages });
    if (provider === "google") {
      expect(res.meta.rateLimit).toBeUndefined();
    } else {
      expect(res.meta.requestId).toMatch(/^req_/);
      expect(res.meta.rateLimit?.requests?.remaining).toBeGreaterThan(0);
      expect(res.meta.rateLimit?.requests?.resetAt).toBeGreaterThan(Date.now() - 1000);
    }
  });
});

describe.each(providers)("%s: transport faults are typed for retries and fallbacks", (provider) => {
  const host = (): string => new URL(harness.emulator.url).host;

  it("a chat body cut off by a dropped connection is a retryable ConnectionError naming the host and why", async () => {
    const error = await chatError(provider, { type: "cut", afterEvents: 0 });
    expect(error).toMatchObject({ name: "ConnectionError", retryable: true, provider });
    expect(error.message).toMatch(new RegExp(`^${provider}: connection to 127\\.0\\.0\\.1:\\d+ closed while the response was read \\(UND_ERR_SOCKET`));
  });

  it("a chat body that is not JSON is a retryable MalformedResponseError", async () => {
    const error = await chatError(provider, { type: "malformed", afterEvents: 0 });
    expect(error).toMatchObject({ name: "MalformedResponseError", retryable: true, provider });
    expect(error.message).toContain("not valid JSON");
  });

  it("a connection reset before any answer is a retryable ConnectionError, chat and stream", async () => {
    const chat = await chatError(provider, { type: "reset" });
    expect(chat).toMatchObject({ name: "ConnectionError", retryable: true });
    expect(chat.message).toContain(`connection to ${host()} failed before the response`);
    const { error } = await streamError(provider, { type: "reset" });
    expect(error).toMatchObject({ name: "ConnectionError", retryable: true });
  });

  it("a refused connection says where and why", async () => {
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const baseURL = provider === "openai" ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
    const llm = createClient({ retry: false, providers: { [provider]: { apiKey: "sk-x-0001", baseURL } } });
    const error = (await llm.chat({ model: `${provider}/m`, messages }).catch((e: unknown) => e)) as ProxylessError;
    expect(error).toMatchObject({ name: "ConnectionError", retryable: true, code: "ECONNREFUSED" });
    expect(error.message).toBe(`${provider}: connection to 127.0.0.1:${port} failed (ECONNREFUSED)`);
  });

  it("an HTTP error's message is the provider's message, not a JSON body", async () => {
    const error = await chatError(provider, { type: "error", status: 429, message: "Slow down, please" });
    expect(error.message).toMatch(new RegExp(`^${provider}: 429 .*Slow down, please`));
    expect(error.message).not.toContain("{");
  });
});

describe("break closes the HTTP request", () => {
  it.each(providers)("%s: the emulator sees the connection closed", async (provider) => {
    harness.emulator.script({ respond: { type: "reply", text: Array.from({ length: 200 }, (_, i) => `w${i}`).join(" "), chunkDelayMs: 5 } });
    let seen = 0;
    for await (const ev of harness.llm.stream({ model: `${provider}/m`, messages })) {
      if (ev.type === "text-delta" && ++seen === 2) break;
    }
    const request = harness.emulator.requests[0];
    await request?.completed;
    expect(request?.clientClosed).toBe(true);
  });
});
