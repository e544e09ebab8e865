/**
 * retry() over real HTTP: proxyless → official SDK (its own retries off) → emulator. What is
 * retried and what never is, for all three providers; retry-after, the fail-fast over
 * maxDelayMs, maxElapsedMs, streams before and after their first event, aborts during a backoff,
 * key pools, and attempts in `meta.attempts`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createClient, type ChatRequest, type Client, type Middleware, type ProxylessError, type StreamEvent } from "proxyless";
import { startEmulator, type Emulator, type Scenario } from "proxyless/testing";
import { retry, type RetryInfo, type RetryOptions } from "proxyless";

const KEY = "sk-retry-test-0001";
const models = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-haiku-4-5", google: "google/gemini-2.5-flash" } as const;
type Provider = keyof typeof models;
const providers = Object.keys(models) as Provider[];
/** Real backoff, kept short. */
const fast: RetryOptions = { minDelayMs: 2 };

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
  // Loads the three SDKs once, so that no timing below includes a first import.
  const llm = createClient({ providers: emulator.providers(KEY) });
  for (const provider of providers) await llm.chat(ask(provider));
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function ask(provider: Provider, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: models[provider], messages: [{ role: "user", content: "Hello" }], ...extra };
}

function client(options: RetryOptions = fast, more: readonly Middleware[] = []): Client {
  return createClient({ providers: emulator.providers(KEY), middleware: [retry(options), ...more] });
}

function fail(respond: Scenario, times = 1): void {
  emulator.script({ respond, times });
}

async function chatError(llm: Client, request: ChatRequest): Promise<ProxylessError> {
  return llm.chat(request).then(
    () => {
      throw new Error("the chat did not fail");
    },
    (error: unknown) => error as ProxylessError,
  );
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error?: ProxylessError }> {
  const seen: StreamEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
  } catch (error) {
    return { events: seen, error: error as ProxylessError };
  }
  return { events: seen };
}

/** Gives any request the emulator might still be making time to arrive. */
const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

const quota: Record<Provider, Scenario> = {
  openai: { type: "error", status: 429, code: "insufficient_quota" },
  anthropic: { type: "error", status: 402, code: "billing_error", message: "Your credit balance is too low" },
  google: { type: "error", status: 429, quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier", retryAfterSeconds: 1 },
};
const contextLength: Record<Provider, Scenario> = {
  openai: { type: "error", status: 400, code: "context_length_exceeded", message: "This model's maximum context length is 128000 tokens." },
  anthropic: { type: "error", status: 400, message: "prompt is too long: 208310 tokens > 200000 maximum" },
  google: { type: "error", status: 400, message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)." },
};
const overload: Record<Provider, Scenario> = {
  openai: { type: "error", status: 503 },
  anthropic: { type: "error", status: 529, code: "overloaded_error" },
  google: { type: "error", status: 503 },
};

describe.each(providers)("%s: never retried", (provider) => {
  it.each<[string, Scenario | ((p: Provider) => Scenario), string]>([
    ["400", { type: "error", status: 400 }, "InvalidRequestError"],
    ["401", { type: "error", status: 401 }, "AuthenticationError"],
    ["404", { type: "error", status: 404 }, "NotFoundError"],
    ["an exhausted quota", (p) => quota[p], "QuotaExceededError"],
    ["a context overflow", (p) => contextLength[p], "ContextLengthError"],
  ])("%s: one request, its error", async (_, scenario, name) => {
    fail(typeof scenario === "function" ? scenario(provider) : scenario, Number.POSITIVE_INFINITY);
    const error = await chatError(client(), ask(provider));
    expect(error).toMatchObject({ name, retryable: false });
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });

  it("the caller's abort: one request, an AbortError, no retry", async () => {
    fail({ type: "hang" });
    const controller = new AbortController();
    const pending = chatError(client(), ask(provider, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ name: "AbortError", retryable: false });
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });

  it("the caller's own deadline (AbortSignal.timeout): one request, a non-retryable TimeoutError", async () => {
    fail({ type: "hang" });
    const error = await chatError(client(), ask(provider, { signal: AbortSignal.timeout(100) }));
    expect(error).toMatchObject({ name: "TimeoutError", retryable: false });
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });
});

describe.each(providers)("%s: retried", (provider) => {
  it.each<[string, Scenario | ((p: Provider) => Scenario), string]>([
    ["500", { type: "error", status: 500 }, "ServerError"],
    ["503 / 529 overloaded_error", (p) => overload[p], "OverloadedError"],
    ["a connection reset", { type: "reset" }, "ConnectionError"],
  ])("%s: up to `retries` retries, then the last error", async (_, scenario, name) => {
    fail(typeof scenario === "function" ? scenario(provider) : scenario, Number.POSITIVE_INFINITY);
    const error = await chatError(client({ ...fast, retries: 2 }), ask(provider));
    expect(error).toMatchObject({ name, retryable: true, provider });
    await settled();
    expect(emulator.requests).toHaveLength(3);
  });

  it("succeeds after two failures; meta.attempts lists each attempt with its error", async () => {
    fail({ type: "error", status: 500 });
    fail(overload[provider]);
    const res = await client(fast).chat(ask(provider));
    expect(res.text.length).toBeGreaterThan(0);
    expect(emulator.requests).toHaveLength(3);
    expect(res.meta.attempts.map((a) => [a.number, a.error?.name])).toEqual([
      [1, "ServerError"],
      [2, "OverloadedError"],
      [3, undefined],
    ]);
  });

  it("waits the provider's retry-after: the retry arrives ≥ 1 s after the 429", async () => {
    fail({ type: "error", status: 429, retryAfterSeconds: 1 });
    const res = await client(fast).chat(ask(provider));
    expect(res.meta.attempts.map((a) => a.error?.name)).toEqual(["RateLimitError", undefined]);
    const [first, second] = emulator.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("a retry-after longer than maxDelayMs fails at once with the RateLimitError", async () => {
    fail({ type: "error", status: 429, retryAfterSeconds: 30 });
    const started = performance.now();
    const error = await chatError(client({ ...fast, maxDelayMs: 8_000 }), ask(provider));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ name: "RateLimitError", retryable: true, retryAfterMs: 30_000 });
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });

  it("a stream that fails before its first event is retried", async () => {
    fail(overload[provider]);
    const { events, error } = await collect(client(fast).stream(ask(provider)));
    expect(error).toBeUndefined();
    const finish = events.at(-1);
    expect(finish?.type).toBe("finish");
    if (finish?.type === "finish") expect(finish.response.meta.attempts.map((a) => a.error?.name)).toEqual(["OverloadedError", undefined]);
    expect(emulator.requests.map((r) => r.stream)).toEqual([true, true]);
  });

  it("a stream that fails after events reached the caller is not: the error reaches the caller", async () => {
    const code = provider === "anthropic" ? "overloaded_error" : provider === "openai" ? "server_error" : "UNAVAILABLE";
    // Four SSE events in: text has reached the caller on every wire (Anthropic's first two carry none).
    fail({ type: "stream-error", afterEvents: 4, code });
    const { events, error } = await collect(client(fast).stream(ask(provider)));
    expect(events.some((e) => e.type === "text-delta")).toBe(true);
    expect(events.some((e) => e.type === "finish")).toBe(false);
    expect(error?.retryable).toBe(true);
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });

  it("what counts is the first event the caller got, not the first byte: an error after silent SSE events is retried", async () => {
    // Anthropic's message_start and content_block_start carry nothing for the caller.
    fail({ type: "stream-error", afterEvents: provider === "anthropic" ? 2 : 0, code: provider === "anthropic" ? "overloaded_error" : undefined });
    const { events, error } = await collect(client(fast).stream(ask(provider)));
    expect(error).toBeUndefined();
    expect(events.at(-1)?.type).toBe("finish");
    expect(emulator.requests).toHaveLength(2);
  });

  it("an attempt's timeout (timeoutMs) is retried: each attempt gets its own", async () => {
    fail({ type: "hang" });
    const res = await client(fast).chat(ask(provider, { timeoutMs: 300 }));
    expect(res.meta.attempts.map((a) => a.error?.name)).toEqual(["TimeoutError", undefined]);
  });
});

describe("retry() options against the emulator", () => {
  const provider = "openai";

  it("an abort during the backoff rejects within 50 ms, and nothing more is sent", async () => {
    fail({ type: "error", status: 503 }, Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    let abortedAt = 0;
    const onRetry = (): void => {
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 20);
    };
    const error = await chatError(client({ minDelayMs: 5_000, maxDelayMs: 5_000, onRetry }), ask(provider, { signal: controller.signal }));
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(error).toMatchObject({ name: "AbortError", retryable: false });
    await settled();
    expect(emulator.requests).toHaveLength(1);
  });

  it("stream.abort() during the backoff ends the stream at once", async () => {
    fail({ type: "error", status: 503 }, Number.POSITIVE_INFINITY);
    let abortedAt = 0;
    const stream = client({
      minDelayMs: 5_000,
      maxDelayMs: 5_000,
      onRetry: () => {
        setTimeout(() => {
          abortedAt = performance.now();
          stream.abort();
        }, 20);
      },
    }).stream(ask(provider));
    const { error } = await collect(stream);
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(emulator.requests).toHaveLength(1);
  });

  it("maxElapsedMs stops the run: no retry whose wait would end past it", async () => {
    fail({ type: "error", status: 503 }, Number.POSITIVE_INFINITY);
    const started = performance.now();
    // 0 → ~300 → a wait to ~600 would end past 500.
    const error = await chatError(client({ retries: 10, minDelayMs: 300, factor: 1, jitter: 0, maxElapsedMs: 500 }), ask(provider));
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ name: "OverloadedError" });
    expect(emulator.requests).toHaveLength(2);
  });

  it("onRetry is told about each retry before its wait", async () => {
    fail({ type: "error", status: 500 });
    fail({ type: "error", status: 429, retryAfterSeconds: 0.05 });
    const infos: RetryInfo[] = [];
    await client({ minDelayMs: 10, jitter: 0, onRetry: (info) => infos.push(info) }).chat(ask(provider));
    expect(infos.map(({ error, attemptNumber, retriesLeft, delayMs, provider: p, model }) => ({ name: error.name, attemptNumber, retriesLeft, delayMs, p, model }))).toEqual([
      { name: "ServerError", attemptNumber: 1, retriesLeft: 1, delayMs: 10, p: "openai", model: "gpt-4o-mini" },
      { name: "RateLimitError", attemptNumber: 2, retriesLeft: 0, delayMs: 50, p: "openai", model: "gpt-4o-mini" },
    ]);
  });

  it("shouldRetry can veto a retry", async () => {
    fail({ type: "error", status: 500 }, Number.POSITIVE_INFINITY);
    const error = await chatError(client({ ...fast, shouldRetry: (e) => e.status !== 500 }), ask(provider));
    expect(error).toMatchObject({ name: "ServerError" });
    expect(emulator.requests).toHaveLength(1);
  });

  it("every retry is a new attempt with the next key of the pool", async () => {
    fail({ type: "error", status: 500 }, 2);
    const config = emulator.providers(KEY);
    const llm = createClient({
      providers: { ...config, openai: { ...config.openai, apiKey: ["sk-retry-pool-aaaa", "sk-retry-pool-bbbb"] } },
      middleware: [retry(fast)],
    });
    const res = await llm.chat(ask(provider));
    expect(res.meta.attempts.map((a) => a.target.keyIndex)).toEqual([0, 1, 0]);
    expect(emulator.requests.map((r) => r.apiKeySuffix)).toEqual(["aaaa", "bbbb", "aaaa"]);
  });

  it("placed outside another attempt-scope middleware, that middleware runs again for every retry", async () => {
    fail({ type: "error", status: 500 }, 2);
    const seen: number[] = [];
    const limiter: Middleware = {
      name: "limiter",
      scope: "attempt",
      wrapChat({ request, context, next }) {
        seen.push(context.attempt?.number ?? 0);
        return next(request);
      },
    };
    await client(fast, [limiter]).chat(ask(provider));
    expect(seen).toEqual([1, 2, 3]);
  });
});
