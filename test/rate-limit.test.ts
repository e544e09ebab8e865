/**
 * In-process rate limits over real HTTP: proxyless → official SDK → emulator. Windows, concurrency,
 * tokens, the queue (order, priority, maxQueue, maxWaitMs, aborts) and the providers' own signals.
 */
import { describe, expect, it } from "vitest";
import { AbortError, createClient, rateLimit, RateLimitError, ValidationError, type ChatRequest, type Middleware } from "proxyless";
import { startEmulator, type Emulator, type RecordedRequest } from "proxyless/testing";
import { spawnTsx } from "./helpers/spawn-tsx.js";
import { busiestWindow, promptOf } from "./helpers/windows.js";

const KEY = "sk-rate-limit-0001";

async function setup(limiter: Middleware, options: Parameters<typeof startEmulator>[0] = {}) {
  const emulator = await startEmulator(options);
  const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [limiter] });
  return { emulator, llm, [Symbol.asyncDispose]: () => emulator.close() };
}

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content }], ...extra });

/** The most requests the emulator was serving at once. */
async function mostInFlight(requests: readonly RecordedRequest[], ends: Map<number, number>): Promise<number> {
  await Promise.all(requests.map((r) => r.completed));
  const points = requests.flatMap((r) => [{ at: r.receivedAt, d: 1 }, { at: ends.get(r.id) ?? Infinity, d: -1 }]).sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const p of points) most = Math.max(most, (now += p.d));
  return most;
}

function trackEnds(emulator: Emulator): Map<number, number> {
  const ends = new Map<number, number>();
  const seen = new Set<number>();
  const poll = setInterval(() => {
    for (const r of emulator.requests) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      void r.completed.then(() => ends.set(r.id, Date.now()));
    }
  }, 1);
  poll.unref();
  return ends;
}

describe("windows and concurrency", () => {
  it("rpm holds in every sliding window: 12 requests at once with { rpm: 5, windowMs: 1000 }", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { rpm: 5, windowMs: 1_000 } } }));
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.llm.chat(ask(`q${i}`))));
    const arrivals = t.emulator.requests.map((r) => ({ at: r.receivedAt, weight: 1 }));
    expect(arrivals).toHaveLength(12);
    expect(busiestWindow(arrivals, 1_000)).toBeLessThanOrEqual(5);
    // Twelve at five a window need three windows: the last two can start no earlier than 2 s in.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_990);
  }, 20_000);

  it("concurrency: 2 never has more than two requests at the provider at once", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { concurrency: 2 } } }), { latencyMs: 40 });
    // Both SDKs loaded first, so that the two providers' calls overlap.
    await Promise.all([t.llm.chat(ask("warm")), t.llm.chat(ask("warm", { model: "anthropic/claude-haiku-4-5" }))]);
    t.emulator.reset();
    const ends = trackEnds(t.emulator);
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.llm.chat(ask(`q${i}`, { model: i % 2 ? "anthropic/claude-haiku-4-5" : "openai/gpt-4o-mini" }))));
    // Each provider has its own key, hence its own budget of two.
    const openai = t.emulator.requests.filter((r) => r.provider === "openai");
    expect(await mostInFlight(openai, ends)).toBeLessThanOrEqual(2);
    expect(await mostInFlight(t.emulator.requests, ends)).toBeGreaterThan(2);
  }, 20_000);

  it("tpm holds against the token counts the provider reports, settled after each call", async () => {
    // Each request: ~6 input tokens + 24 output words (the emulator's replies), reserved as 6 + maxTokens 40.
    await using t = await setup(rateLimit({ rules: { "openai/*": { tpm: 100, windowMs: 1_000 } } }));
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => t.llm.chat(ask(`q${i}`, { maxTokens: 40 }))));
    // What each request counted, as the provider reported it: prompt `q{i}` is responses[i].
    const used = (prompt: string) => {
      const response = responses[Number(prompt.slice(1))]!;
      return response.usage.inputTokens + response.usage.outputTokens;
    };
    expect(Math.min(...responses.map((r) => r.usage.inputTokens + r.usage.outputTokens))).toBeGreaterThan(20);
    const weights = t.emulator.requests.map((r) => ({ at: r.receivedAt, weight: used(promptOf(r.body)) }));
    expect(weights).toHaveLength(8);
    expect(busiestWindow(weights, 1_000)).toBeLessThanOrEqual(100);
  }, 20_000);
});

describe("the queue", () => {
  it("maxQueue: one more attempt than the queue holds fails at once, naming the rule", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { concurrency: 1, maxQueue: 1 } } }), { latencyMs: 150 });
    const first = t.llm.chat(ask("a"));
    const second = t.llm.chat(ask("b"));
    const started = performance.now();
    const error = await t.llm.chat(ask("c")).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe("rate_limit_queue_full");
    expect((error as RateLimitError).retryable).toBe(false);
    expect((error as Error).message).toContain('"openai/*"');
    await Promise.all([first, second]);
    expect(t.emulator.requests).toHaveLength(2);
  });

  it("maxWaitMs: an attempt that waits longer fails with the rule's RateLimitError", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { concurrency: 1, maxWaitMs: 60 } } }), { latencyMs: 400 });
    const first = t.llm.chat(ask("a"));
    const started = performance.now();
    const error = await t.llm.chat(ask("b")).catch((e: unknown) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(performance.now() - started).toBeLessThan(350);
    expect((error as RateLimitError).code).toBe("rate_limit_wait_exceeded");
    expect((error as Error).message).toContain("maxWaitMs 60");
    await first;
    expect(t.emulator.requests).toHaveLength(1);
  });

  it("a caller's abort while queued rejects at once with AbortError and frees its place", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { concurrency: 1, maxQueue: 1 } } }), { latencyMs: 200 });
    const first = t.llm.chat(ask("a"));
    const controller = new AbortController();
    const queued = t.llm.chat(ask("b", { signal: controller.signal })).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    const aborted = performance.now();
    controller.abort();
    const error = await queued;
    expect(performance.now() - aborted).toBeLessThan(50);
    expect(error).toBeInstanceOf(AbortError);
    // Its place is free: another may queue now (maxQueue 1), and it goes next.
    const third = await t.llm.chat(ask("c"));
    await first;
    expect(third.text).toBeTruthy();
    expect(t.emulator.requests.map((r) => promptOf(r.body))).toEqual(["a", "c"]);
  });

  it("keeps arrival order, and a metadata priority jumps the queue", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { concurrency: 1 } } }), { latencyMs: 60 });
    const calls = [t.llm.chat(ask("first"))];
    await new Promise((r) => setTimeout(r, 10));
    calls.push(t.llm.chat(ask("a")), t.llm.chat(ask("b")), t.llm.chat(ask("urgent", { metadata: { priority: "0" } })), t.llm.chat(ask("c")));
    await Promise.all(calls);
    expect(t.emulator.requests.map((r) => promptOf(r.body))).toEqual(["first", "urgent", "a", "b", "c"]);
  });

  it("a priority that is not 0-9 is a ValidationError before anything is sent", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { concurrency: 1 } } }));
    await expect(t.llm.chat(ask("x", { metadata: { priority: "high" } }))).rejects.toThrow(ValidationError);
    expect(t.emulator.requests).toHaveLength(0);
  });

  it("a request whose input alone is over tpm fails at once instead of waiting forever", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { tpm: 50 } } }));
    const error = await t.llm.chat(ask("word ".repeat(400))).catch((e: unknown) => e);
    expect((error as RateLimitError).code).toBe("rate_limit_request_too_large");
    expect(t.emulator.requests).toHaveLength(0);
  });
});

describe("a process waiting on the limiter", () => {
  it("stays alive until its held calls are answered (the limiter's timers keep it)", async () => {
    await using t = await setup(rateLimit({ rules: {} }));
    const child = spawnTsx("rate-limit-exit.ts", { BASE_URLS: JSON.stringify(t.emulator.baseURLs) });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: "4" });
  }, 20_000);
});

describe("the providers' signals", () => {
  it("a 429 with retry-after holds the whole target: the next request waits it out", async () => {
    await using t = await setup(rateLimit({ rules: {} }));
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 1 } });
    await expect(t.llm.chat(ask("a"))).rejects.toThrow(RateLimitError);
    await t.llm.chat(ask("b"));
    await t.llm.chat(ask("other model", { model: "openai/gpt-4.1-nano" }));
    const [limited, next, other] = t.emulator.requests;
    expect(next!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(990);
    // Another model of the same provider has its own limits: not held.
    expect(other!.receivedAt - next!.receivedAt).toBeLessThan(500);
  }, 10_000);

  it.each([
    ["openai", "openai/gpt-4o-mini", () => ({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1.5s" })],
    ["anthropic", "anthropic/claude-haiku-4-5", () => ({ "anthropic-ratelimit-requests-remaining": "0", "anthropic-ratelimit-requests-reset": new Date(Date.now() + 1_500).toISOString() })],
  ] as const)("%s: headers that say nothing is left hold the queue until the reset, without a 429", async (provider, model, headers) => {
    await using t = await setup(rateLimit({ rules: {} }));
    t.emulator.script({ provider, respond: { type: "reply", headers: headers() } });
    const first = await t.llm.chat(ask("a", { model }));
    expect(first.meta.rateLimit?.requests?.remaining).toBe(0);
    await Promise.all([t.llm.chat(ask("b", { model })), t.llm.chat(ask("c", { model }))]);
    const [a, b, c] = t.emulator.requests;
    expect(b!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(1_400);
    expect(c!.receivedAt - a!.receivedAt).toBeGreaterThanOrEqual(1_400);
    expect(t.emulator.requests.every((r) => r.status === 200)).toBe(true);
  }, 10_000);

  it("a later, shorter pause never cuts a longer one short", async () => {
    await using t = await setup(rateLimit({ rules: {} }));
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 2 } });
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 1 } });
    const model = "openai/gpt-4o-mini";
    // Two attempts in flight together both get a 429: 2 s, then 1 s.
    await Promise.all([t.llm.chat(ask("a", { model })).catch(() => undefined), t.llm.chat(ask("b", { model })).catch(() => undefined)]);
    await t.llm.chat(ask("c", { model }));
    const [first, , third] = t.emulator.requests;
    expect(third!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1_950);
  }, 10_000);

  it("attempts waiting out a pause count against maxQueue", async () => {
    await using t = await setup(rateLimit({ rules: { "openai/*": { concurrency: 1, maxQueue: 1 } } }));
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 1 } });
    await expect(t.llm.chat(ask("a"))).rejects.toThrow(RateLimitError);
    const results = await Promise.all([t.llm.chat(ask("b")), t.llm.chat(ask("c"))].map((p) => p.then(() => "sent", (e: RateLimitError) => e.code)));
    expect(results.sort()).toEqual(["rate_limit_queue_full", "sent"]);
  }, 10_000);

  it("a pause longer than maxPauseMs fails at once, retryable, with its retryAfterMs", async () => {
    await using t = await setup(rateLimit({ rules: {}, maxPauseMs: 500 }));
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 30 } });
    await expect(t.llm.chat(ask("a"))).rejects.toThrow(RateLimitError);
    const started = performance.now();
    const error = (await t.llm.chat(ask("b")).catch((e: unknown) => e)) as RateLimitError;
    expect(performance.now() - started).toBeLessThan(200);
    expect({ code: error.code, retryable: error.retryable }).toEqual({ code: "rate_limit_paused", retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(29_000);
    expect(t.emulator.requests).toHaveLength(1);
  });

  it("providerSignals: false sends regardless", async () => {
    await using t = await setup(rateLimit({ rules: {}, providerSignals: false }));
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 1 } });
    await expect(t.llm.chat(ask("a"))).rejects.toThrow(RateLimitError);
    await t.llm.chat(ask("b"));
    const [a, b] = t.emulator.requests;
    expect(b!.receivedAt - a!.receivedAt).toBeLessThan(500);
  });
});

describe("streams", () => {
  it("a stream holds its concurrency slot until it ends, and settles its tokens", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { concurrency: 1 } } }), { chunkDelayMs: 10 });
    const ends = trackEnds(t.emulator);
    const runs = [0, 1, 2].map(async (i) => {
      let text = "";
      for await (const event of t.llm.stream(ask(`s${i}`))) if (event.type === "text-delta") text += event.text;
      return text;
    });
    expect((await Promise.all(runs)).every(Boolean)).toBe(true);
    expect(await mostInFlight(t.emulator.requests, ends)).toBe(1);
  }, 10_000);

  it("a stream let in at once and closed after its first event frees its slot for the next", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { concurrency: 1, maxWaitMs: 2_000 } } }), { chunkDelayMs: 20 });
    for await (const event of t.llm.stream(ask("first"))) if (event.type === "text-delta") break;
    const started = Date.now();
    await t.llm.stream(ask("second")).final();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(t.emulator.requests).toHaveLength(2);
  }, 10_000);

  it("a stream refused at once (a prompt larger than tpm) fails when read, as a RateLimitError, with nothing sent", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { tpm: 50 } } }));
    const stream = t.llm.stream(ask("word ".repeat(400)));
    await expect(stream.final()).rejects.toThrow(RateLimitError);
    expect(t.emulator.requests).toHaveLength(0);
  });

  it("a stream with a bad priority fails when read, as a ValidationError", async () => {
    await using t = await setup(rateLimit({ rules: { "*": { rpm: 100 } } }));
    await expect(t.llm.stream(ask("a", { metadata: { priority: "high" } })).final()).rejects.toThrow(ValidationError);
    expect(t.emulator.requests).toHaveLength(0);
  });
});

describe("options", () => {
  it.each([
    [{ rules: { "openai/*": { rpm: 0 } } }, 'rules["openai/*"].rpm'],
    [{ rules: { "openai/*": { rpn: 5 } } }, 'rules["openai/*"].rpn is not a rule setting'],
    [{ rules: { "open*ai/x": { rpm: 5 } } }, "is not one of"],
    [{ rules: {}, redis: {} }, "exactly one of url"],
    [{ rules: {}, redis: { url: "redis://x", onUnavailable: "maybe" } }, "onUnavailable"],
    [{ rules: {}, rpm: 5 }, 'unknown option "rpm"'],
  ])("%j is a ConfigError naming the setting", (options, message) => {
    expect(() => rateLimit(options as never)).toThrow(message);
  });
});
