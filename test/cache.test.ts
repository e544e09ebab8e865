/**
 * The response cache over real HTTP: proxyless → official SDK → emulator, with the memory store.
 * Hits, copies, chat↔stream, single flight, what is never cached, modes, namespaces, a store that fails.
 */
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { cache, createClient, memoryStore, StreamInterruptedError, type CacheStore, type ChatRequest, type Middleware, type StreamEvent } from "proxyless";
import { startEmulator } from "proxyless/testing";
import { fixturePath } from "./helpers/fixtures.js";

const KEY = "sk-cache-secret-0001";

async function setup(options: Parameters<typeof cache>[0] = {}, models: Record<string, string> = {}) {
  const emulator = await startEmulator();
  const mw = cache(options);
  const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [mw], models });
  return { emulator, mw, llm, [Symbol.asyncDispose]: () => emulator.close() };
}

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content }], ...extra });

/** A store that records what it is given, over a real memory store. */
function spyStore(): CacheStore & { sets: { key: string; value: string; ttlMs: number }[] } {
  const inner = memoryStore();
  const sets: { key: string; value: string; ttlMs: number }[] = [];
  return {
    name: "spy",
    sets,
    get: (key) => inner.get(key),
    set: (key, value, ttlMs) => {
      sets.push({ key, value, ttlMs });
      return inner.set(key, value, ttlMs);
    },
    delete: (key) => inner.delete(key),
  };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const withoutFinish = (events: StreamEvent[]) => events.filter((event) => event.type !== "finish");

describe("cache hits", () => {
  it("two identical chats make one upstream request; the second is the first, marked cached", async () => {
    await using t = await setup();
    const tools = [{ name: "get_weather", parameters: z.object({ city: z.string() }) }];
    const first = await t.llm.chat(ask("Weather in Oslo?", { tools, responseFormat: undefined }));
    const second = await t.llm.chat(ask("Weather in Oslo?", { tools }));
    expect(t.emulator.requests).toHaveLength(1);
    expect(second.meta).toMatchObject({ cached: true, attempts: [], cache: { status: "hit", key: first.meta.cache?.key } });
    expect(second.meta.cache?.ageMs).toBeGreaterThanOrEqual(0);
    expect(first.meta).toMatchObject({ cached: false, cache: { status: "miss" } });
    const { meta: _a, raw: _rawA, cost, ...a } = first;
    const { meta: _b, raw: _rawB, ...b } = second;
    expect(b).toEqual(a);
    // The hit cost nothing: the first call's cost is not repeated.
    expect(cost?.usd).toBeGreaterThan(0);
    expect(second.cost).toBeUndefined();
    expect(second.raw).toEqual(JSON.parse(JSON.stringify(first.raw)));
    expect(t.mw.stats()).toMatchObject({ hits: 1, misses: 1, writes: 1 });
  });

  it("structured output is validated anew on a hit: the same typed object", async () => {
    await using t = await setup();
    const schema = z.object({ city: z.string(), population: z.number() });
    const first = await t.llm.chat(ask("A city", { responseFormat: { type: "json", schema } }));
    const second = await t.llm.chat(ask("A city", { responseFormat: { type: "json", schema } }));
    expect(second.meta.cached).toBe(true);
    expect(second.object).toEqual(first.object);
    expect(t.emulator.requests).toHaveLength(1);
  });

  it("a hit is a copy: changing a response the caller got changes nothing stored", async () => {
    await using t = await setup();
    const first = await t.llm.chat(ask("copy me"));
    const text = first.text;
    (first as { text: string }).text = "changed by the caller";
    const second = await t.llm.chat(ask("copy me"));
    expect(second.text).toBe(text);
    (second.usage as { totalTokens: number }).totalTokens = -1;
    (second.message as { content: string }).content = "changed";
    const third = await t.llm.chat(ask("copy me"));
    expect(third.text).toBe(text);
    expect(third.usage.totalTokens).toBeGreaterThan(0);
    expect(third.message.content).toBe(text);
  });

  it("key order, timeoutMs, signal, metadata and cache options do not change the key", async () => {
    await using t = await setup();
    await t.llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "order" }], temperature: 0.5, maxTokens: 50 });
    const variants: ChatRequest[] = [
      { maxTokens: 50, temperature: 0.5, messages: [{ content: "order", role: "user" }], model: "openai/gpt-4o-mini" },
      { ...ask("order"), temperature: 0.5, maxTokens: 50, timeoutMs: 5000 },
      { ...ask("order"), temperature: 0.5, maxTokens: 50, signal: new AbortController().signal },
      { ...ask("order"), temperature: 0.5, maxTokens: 50, metadata: { user: "u-1" }, cache: { ttlMs: 1000 } },
    ];
    for (const request of variants) expect((await t.llm.chat(request)).meta.cached).toBe(true);
    expect(t.emulator.requests).toHaveLength(1);
  });

  it("an alias and the model it names share entries; another model does not", async () => {
    await using t = await setup({}, { fast: "openai/gpt-4o-mini" });
    await t.llm.chat(ask("alias"));
    expect((await t.llm.chat({ ...ask("alias"), model: "fast" })).meta.cached).toBe(true);
    expect((await t.llm.chat({ ...ask("alias"), model: "openai/gpt-4o" })).meta.cached).toBe(false);
  });

  it("tenants named by a metadata field never share entries", async () => {
    await using t = await setup({ namespaceFrom: "tenant" });
    await t.llm.chat(ask("tenant", { metadata: { tenant: "acme" } }));
    expect((await t.llm.chat(ask("tenant", { metadata: { tenant: "acme", user: "x" } }))).meta.cached).toBe(true);
    expect((await t.llm.chat(ask("tenant", { metadata: { tenant: "globex" } }))).meta.cached).toBe(false);
    expect((await t.llm.chat(ask("tenant"))).meta.cached).toBe(false);
    expect(t.emulator.requests).toHaveLength(3);
  });
});

describe("streams", () => {
  it("a completed stream is stored and replayed as the same events, in order", async () => {
    await using t = await setup();
    const request = { ...ask("stream me"), tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] };
    t.emulator.script({ respond: { type: "reply", text: "Checking.", toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] } });
    const first = await collect(t.llm.stream(request));
    const second = await collect(t.llm.stream(request));
    expect(t.emulator.requests).toHaveLength(1);
    expect(withoutFinish(second)).toEqual(JSON.parse(JSON.stringify(withoutFinish(first))));
    expect(second.at(-1)).toMatchObject({ type: "finish", response: { meta: { cached: true, cache: { status: "hit" } }, toolCalls: [{ name: "get_weather" }] } });
  });

  it("a chat answer serves a stream, and a stream's answer serves a chat", async () => {
    await using t = await setup();
    const chat = await t.llm.chat(ask("cross one"));
    const streamed = await collect(t.llm.stream(ask("cross one")));
    expect(streamed.filter((e) => e.type === "text-delta").map((e) => (e as { text: string }).text).join("")).toBe(chat.text);
    expect(streamed.at(-1)).toMatchObject({ type: "finish", response: { text: chat.text, meta: { cached: true } } });

    const events = await collect(t.llm.stream(ask("cross two")));
    const fromStream = await t.llm.chat(ask("cross two"));
    expect(fromStream.meta.cached).toBe(true);
    expect(fromStream.text).toBe((events.at(-1) as { response: { text: string } }).response.text);
    expect(t.emulator.requests).toHaveLength(2);
  });

  it("replays paced when asked", async () => {
    await using t = await setup({ replayDelayMs: 5 });
    await t.llm.chat(ask("paced"));
    const started = performance.now();
    const events = await collect(t.llm.stream(ask("paced")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(5 * (events.length - 1) - 1);
  });
});

describe("never cached", () => {
  it("an aborted stream, an error, an interrupted stream, a truncated tool call", async () => {
    await using t = await setup({ store: spyStore() });
    // Aborted after the first event.
    const stream = t.llm.stream(ask("abort me"));
    for await (const _ of stream) break;
    // An error.
    t.emulator.script({ respond: { type: "error", status: 400 } });
    await expect(t.llm.chat(ask("error me"))).rejects.toThrow();
    // Interrupted mid-stream.
    t.emulator.script({ respond: { type: "cut", afterEvents: 2 } });
    await expect(t.llm.stream(ask("cut me")).final()).rejects.toBeInstanceOf(StreamInterruptedError);
    // A tool call cut off by max_tokens (a recorded Anthropic stream).
    t.emulator.script({ respond: { type: "replay", file: fixturePath("anthropic", "max_tokens_tool_use_stream.sse.txt") } });
    const truncated = await t.llm.stream({ ...ask("truncate me"), model: "anthropic/claude-haiku-4-5" }).final();
    expect(truncated.toolCalls.some((call) => call.truncated)).toBe(true);
    // Writes happen in the background: give them every chance to (wrongly) land.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.mw.stats().writes).toBe(0);
    // And each goes upstream again.
    const before = t.emulator.requests.length;
    await t.llm.chat(ask("abort me"));
    await t.llm.chat(ask("error me"));
    expect(t.emulator.requests.length).toBe(before + 2);
  });
});

describe("per-request modes", () => {
  it("bypass neither reads nor writes; refresh writes without reading; no-store reads without writing; ttlMs goes to the store", async () => {
    const store = spyStore();
    await using t = await setup({ store, ttlMs: 60_000 });
    await t.llm.chat(ask("modes"));
    expect(store.sets.at(-1)?.ttlMs).toBe(60_000);
    const bypass = await t.llm.chat(ask("modes", { cache: { mode: "bypass" } }));
    expect(bypass.meta).toMatchObject({ cached: false, cache: { status: "bypass" } });
    const refresh = await t.llm.chat(ask("modes", { cache: { mode: "refresh", ttlMs: 5000 } }));
    expect(refresh.meta).toMatchObject({ cached: false, cache: { status: "refresh" } });
    expect(store.sets.at(-1)?.ttlMs).toBe(5000);
    expect((await t.llm.chat(ask("modes", { cache: { mode: "no-store" } }))).meta.cached).toBe(true);
    await t.llm.chat(ask("not stored", { cache: { mode: "no-store" } }));
    // The first call, bypass, refresh and the no-store miss went upstream; the no-store hit did not.
    expect(t.emulator.requests).toHaveLength(4);
    await vi.waitFor(() => expect(store.sets).toHaveLength(2));
    expect(t.mw.stats()).toMatchObject({ bypasses: 1 });
  });
});

describe("single flight", () => {
  it("20 concurrent identical chats make one upstream request, and all get the answer", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "one for all", latencyMs: 30 } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.llm.chat(ask("burst"))));
    expect(t.emulator.requests).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.text))).toEqual(new Set(["one for all"]));
    expect(answers.filter((answer) => answer.meta.cache?.shared)).toHaveLength(19);
  });

  it("concurrent streams share one call, and each waiter gets the whole event sequence", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "a b c d", chunkDelayMs: 5 } });
    const runs = await Promise.all(Array.from({ length: 5 }, () => collect(t.llm.stream(ask("stream burst")))));
    expect(t.emulator.requests).toHaveLength(1);
    const texts = runs.map((events) => withoutFinish(events).map((e) => (e as { text: string }).text).join(""));
    expect(new Set(texts)).toEqual(new Set(["a b c d"]));
  });

  it("every waiter gets the error", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "error", status: 500, latencyMs: 20 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => t.llm.chat(ask("fail together"))));
    expect(t.emulator.requests).toHaveLength(1);
    expect(outcomes.every((outcome) => outcome.status === "rejected")).toBe(true);
  });

  it("the first caller's abort does not cancel the others", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "slow", latencyMs: 60 }, times: 2 });
    const controller = new AbortController();
    const leader = t.llm.chat(ask("abort lead", { signal: controller.signal }));
    const others = Array.from({ length: 3 }, () => t.llm.chat(ask("abort lead")));
    // Aborted once its request is at the emulator (a fixed delay raced the SDK's first load).
    while (t.emulator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort();
    await expect(leader).rejects.toMatchObject({ name: "AbortError" });
    const answers = await Promise.all(others);
    expect(answers.map((answer) => answer.text)).toEqual(["slow", "slow", "slow"]);
    expect(t.emulator.requests).toHaveLength(2);
  });

  it("a leader's own timeout is not the others' error: they go upstream themselves", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "late", latencyMs: 300 } });
    t.emulator.script({ respond: { type: "reply", text: "in time" } });
    const leader = t.llm.chat(ask("timeout lead", { timeoutMs: 50 }));
    const others = Array.from({ length: 3 }, () => t.llm.chat(ask("timeout lead")));
    await expect(leader).rejects.toMatchObject({ name: "TimeoutError" });
    expect((await Promise.all(others)).map((answer) => answer.text)).toEqual(["in time", "in time", "in time"]);
  });

  it("a waiter with a time limit waits no longer than it for another's call", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "slow", latencyMs: 400 } });
    t.emulator.script({ respond: { type: "reply", text: "own" } });
    const leader = t.llm.chat(ask("bounded wait"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    const waiter = await t.llm.chat(ask("bounded wait", { timeoutMs: 50 }));
    expect(waiter.text).toBe("own");
    expect(performance.now() - started).toBeLessThan(300);
    expect((await leader).text).toBe("slow");
  });

  it("a stuck leader is replaced: only the first waiter waits out lockWaitMs", async () => {
    await using t = await setup({ lockWaitMs: 100 });
    t.emulator.script({ respond: { type: "hang" } });
    t.emulator.script({ respond: { type: "reply", text: "unstuck", latencyMs: 50 } });
    const stuck = t.llm.chat(ask("stuck lead", { signal: AbortSignal.timeout(2000) })).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const first = t.llm.chat(ask("stuck lead"));
    await new Promise((resolve) => setTimeout(resolve, 120));
    // This one arrives after the first waiter took over: it joins that call, not the stuck one.
    const started = performance.now();
    const later = await t.llm.chat(ask("stuck lead"));
    expect(performance.now() - started).toBeLessThan(100);
    expect([(await first).text, later.text]).toEqual(["unstuck", "unstuck"]);
    await stuck;
  });

  it("a waiter behind a leader that does not store gets a shared miss, not a hit", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "not kept", latencyMs: 30 } });
    const [leader, waiter] = await Promise.all([t.llm.chat(ask("no-store lead", { cache: { mode: "no-store" } })), t.llm.chat(ask("no-store lead"))]);
    expect(leader.meta.cache?.status).toBe("miss");
    expect(waiter.meta).toMatchObject({ cached: false, cache: { status: "miss", shared: true } });
  });

  it("a stream leader that breaks off hands over to the waiters", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "first second third fourth", chunkDelayMs: 20 }, times: 2 });
    const leader = (async () => {
      for await (const _ of t.llm.stream(ask("break lead"))) break;
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waiters = await Promise.all(Array.from({ length: 2 }, () => t.llm.chat(ask("break lead"))));
    await leader;
    expect(waiters.map((answer) => answer.text)).toEqual(["first second third fourth", "first second third fourth"]);
    expect(t.emulator.requests).toHaveLength(2);
  });

  it("a refresh never takes the answer an earlier call already got", async () => {
    const inner = memoryStore();
    const slow: CacheStore = { get: (key) => inner.get(key), delete: (key) => inner.delete(key), set: (key, value, ttl) => new Promise((resolve) => setTimeout(() => resolve(inner.set(key, value, ttl)), 100)) };
    await using t = await setup({ store: slow });
    t.emulator.script({ respond: { type: "reply", text: "old" } });
    t.emulator.script({ respond: { type: "reply", text: "new" } });
    expect((await t.llm.chat(ask("refresh race"))).text).toBe("old");
    // The first answer's entry is still being written: its flight is resolved, not gone.
    expect((await t.llm.chat(ask("refresh race", { cache: { mode: "refresh" } }))).text).toBe("new");
  });

  it("can be turned off", async () => {
    await using t = await setup({ singleFlight: false });
    t.emulator.script({ respond: { type: "reply", text: "each", latencyMs: 20 }, times: 3 });
    await Promise.all(Array.from({ length: 3 }, () => t.llm.chat(ask("no flight"))));
    expect(t.emulator.requests).toHaveLength(3);
  });
});

describe("what is stored is what was answered", () => {
  it("a caller changing a stream event it got changes nothing stored", async () => {
    await using t = await setup();
    t.emulator.script({ respond: { type: "reply", text: "pristine words" } });
    for await (const event of t.llm.stream(ask("mutate events"))) {
      if (event.type === "text-delta") (event as { text: string }).text = "MUTATED";
    }
    const replay = await collect(t.llm.stream(ask("mutate events")));
    expect(withoutFinish(replay).map((e) => (e as { text: string }).text).join("")).toBe("pristine words");
  });

  it("an answer JSON cannot hold is not cached, says so, and never leaves a waiter hanging", async () => {
    const emulator = await startEmulator();
    try {
      const mw = cache();
      const bigRaw: Middleware = { name: "big-raw", wrapChat: async ({ request, next }) => ({ ...(await next(request)), raw: { n: 1n } }) };
      const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [mw, bigRaw] });
      emulator.script({ respond: { type: "reply", text: "unstorable", latencyMs: 30 }, times: 10 });
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 3 }, () => llm.chat(ask("bigint raw"))));
      // The waiters go upstream together once the first answer turns out unstorable, not in turn.
      expect(performance.now() - started).toBeLessThan(30 * 3 + 60);
      expect(answers.every((answer) => answer.text === "unstorable")).toBe(true);
      expect(answers[0]?.meta.warnings).toContainEqual(expect.objectContaining({ setting: "cache", message: expect.stringContaining("not cached: the answer cannot be written as JSON") as string }));
      expect((await llm.chat(ask("bigint raw"))).meta.cached).toBe(false);
    } finally {
      await emulator.close();
    }
  });
});

describe("a stream event JSON cannot hold", () => {
  it("the stream still reaches its caller; it is only not stored", async () => {
    const emulator = await startEmulator();
    try {
      const bigEvent: Middleware = {
        name: "big-event",
        async *wrapStream({ request, next }) {
          for await (const event of next(request)) yield event.type === "text-delta" ? ({ ...event, extra: 1n } as StreamEvent) : event;
        },
      };
      const mw = cache();
      const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [mw, bigEvent] });
      const response = await llm.stream(ask("bigint event")).final();
      expect(response.text.length).toBeGreaterThan(0);
      expect(response.meta.warnings).toContainEqual(expect.objectContaining({ setting: "cache", message: expect.stringContaining("not cached") as string }));
      expect((await llm.stream(ask("bigint event")).final()).meta.cached).toBe(false);
    } finally {
      await emulator.close();
    }
  });
});

describe("a failing store", () => {
  it("never fails a call: it goes upstream, says so, and counts it", async () => {
    const broken: CacheStore = {
      name: "broken",
      get: () => Promise.reject(new Error("store down")),
      set: () => Promise.reject(new Error("store down")),
      delete: () => Promise.reject(new Error("store down")),
    };
    await using t = await setup({ store: broken });
    const first = await t.llm.chat(ask("broken"));
    const streamed = await t.llm.stream(ask("broken")).final();
    for (const response of [first, streamed]) {
      expect(response.meta).toMatchObject({ cached: false, cache: { status: "skip" } });
      expect(response.meta.warnings).toContainEqual({ type: "other", setting: "cache", message: "cache skipped: the broken failed (store down)" });
    }
    expect(t.mw.stats()).toMatchObject({ skips: 2, hits: 0 });
  });
});

describe("entries and keys", () => {
  it("stored values hold no API key, and are JSON", async () => {
    const store = spyStore();
    await using t = await setup({ store });
    await t.llm.chat(ask("secret check"));
    await t.llm.stream(ask("secret check 2")).final();
    await vi.waitFor(() => expect(store.sets).toHaveLength(2));
    for (const { key, value } of store.sets) {
      expect(value).not.toContain(KEY);
      expect(key).not.toContain(KEY);
      expect(key).toMatch(/^v1:[0-9a-f]{64}$/);
      expect(() => JSON.parse(value) as unknown).not.toThrow();
    }
  });

  it("explain shows what went into a key, and the key a call used", async () => {
    await using t = await setup();
    const response = await t.llm.chat(ask("explain", { temperature: 0.3, timeoutMs: 1000 }));
    const explained = t.mw.explain(ask("explain", { temperature: 0.3, timeoutMs: 1000 }));
    expect(explained.key).toBe(response.meta.cache?.key);
    expect(JSON.parse(explained.material)).toEqual({
      namespace: "",
      route: { provider: "openai", model: "gpt-4o-mini" },
      request: { messages: [{ content: "explain", role: "user" }], temperature: 0.3 },
    });
  });
});
