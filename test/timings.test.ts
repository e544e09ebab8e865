import { describe, expect, it } from "vitest";
import { cache, createClient, rateLimit, retry, type ChatResponse, type Message } from "proxyless";
import type { ProviderAdapter, ProviderFactory } from "../src/core/types/provider-adapter.js";
import { builtinProviders } from "../src/providers/index.js";
import { useEmulator } from "./helpers/use-emulator.js";

const OPENAI = "openai/gpt-4o-mini";
const ask = (text = "Hello"): { model: string; messages: Message[] } => ({ model: OPENAI, messages: [{ role: "user", content: text }] });

const harness = useEmulator("sk-time-0001");

const sum = (r: ChatResponse): number => {
  const t = r.meta.timings;
  if (!t) throw new Error("no timings");
  return t.queuedMs + t.backoffMs + t.cacheMs + t.providerMs + t.overheadMs;
};
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe("meta.timings", () => {
  it("adds up to latencyMs, for chat and stream, on every provider", async () => {
    const llm = createClient({ providers: harness.emulator.providers("sk-time-0001"), retry: false });
    for (const model of [OPENAI, "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"]) {
      for (const response of [await llm.chat({ ...ask(), model }), await llm.stream({ ...ask(), model }).final()]) {
        expect(Math.abs(sum(response) - response.meta.latencyMs)).toBeLessThan(1);
        expect(response.meta.timings?.providerMs).toBeGreaterThan(0);
        expect(response.meta.attempts[0]?.providerMs).toBeGreaterThan(0);
      }
    }
    for (const model of [OPENAI, "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"]) {
      const streamed = await llm.stream({ ...ask(), model }).final();
      const attempt = streamed.meta.attempts[0];
      // Headers, then the first event, then the end: each measured from the SDK call.
      expect(attempt?.headersMs).toBeGreaterThan(0);
      expect(attempt?.firstTokenMs).toBeGreaterThanOrEqual(attempt?.headersMs ?? Infinity);
      expect(attempt?.firstTokenMs).toBeLessThanOrEqual(attempt?.providerMs ?? 0);
    }
  });

  it("a chat's time to its response headers, on OpenAI and Anthropic: before the body that is slow to come", async () => {
    const llm = createClient({ providers: harness.emulator.providers("sk-time-0001"), retry: false });
    for (const model of [OPENAI, "anthropic/claude-haiku-4-5"]) {
      harness.emulator.script({ respond: { type: "reply", latencyMs: 20, bodyDelayMs: 150 } });
      const response = await llm.chat({ ...ask(), model });
      const attempt = response.meta.attempts[0];
      expect(attempt?.headersMs, model).toBeGreaterThanOrEqual(19);
      expect(attempt?.headersMs, model).toBeLessThan(140);
      expect(attempt?.providerMs, model).toBeGreaterThanOrEqual((attempt?.headersMs ?? 0) + 140);
    }
    // @google/genai never shows the moment: no figure rather than a wrong one.
    const gemini = await llm.chat({ ...ask(), model: "google/gemini-2.5-flash" });
    expect(gemini.meta.attempts[0]?.headersMs).toBeUndefined();
  });

  it("the overhead is the total less the provider's time, measured apart around the adapter's SDK call", async () => {
    // The independent clock: a wrapper around the real OpenAI adapter, timing each SDK call.
    const openai = builtinProviders.find((f) => f.type === "openai") as ProviderFactory;
    const inner = openai.create({ name: "openai", type: "openai", baseURL: harness.emulator.baseURLs.openai });
    let sdkMs = 0;
    const timed: ProviderAdapter = {
      specificationVersion: "v1",
      provider: inner.provider,
      type: inner.type,
      async doChat(call) {
        const start = performance.now();
        try {
          return await inner.doChat(call);
        } finally {
          sdkMs = performance.now() - start;
        }
      },
      doStream: (call) => inner.doStream(call),
    };
    const llm = createClient({ providers: { openai: { adapter: timed, apiKey: "sk-time-0001" } }, retry: false });
    for (let i = 0; i < 30; i++) await llm.chat(ask(`warm ${i}`));
    const gaps: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await llm.chat(ask(`measured ${i}`));
      gaps.push(Math.abs((response.meta.timings?.overheadMs ?? Infinity) - (response.meta.latencyMs - sdkMs)));
    }
    expect(median(gaps)).toBeLessThan(0.2);
  });

  it("a hedge's attempts overlap and count once; the parts still add up; a slow consumer's time is not the provider's", async () => {
    const llm = createClient({ providers: harness.emulator.providers("sk-time-0001"), retry: false, models: { main: { fallback: [OPENAI, "anthropic/claude-haiku-4-5"], hedge: { afterMs: 60 } } } });
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "late", latencyMs: 1_000 } });
    const hedged = await llm.chat({ ...ask(), model: "main" });
    expect(Math.abs(sum(hedged) - hedged.meta.latencyMs)).toBeLessThan(1);
    // Some provider had the call the whole time: the loser from the start, the winner beside it.
    expect(hedged.meta.timings?.providerMs).toBeGreaterThan(hedged.meta.latencyMs * 0.8);

    const slow = llm.stream(ask());
    for await (const event of slow) if (event.type === "text-delta") await new Promise((r) => setTimeout(r, 10));
    const streamed = await slow.final();
    expect(Math.abs(sum(streamed) - streamed.meta.latencyMs)).toBeLessThan(1);
    expect(streamed.meta.timings?.overheadMs).toBeGreaterThan(streamed.meta.latencyMs / 2);
  });

  it("shows the waits: the limiter's queue, the retry's backoff, the cache's store", async () => {
    const llm = createClient({
      providers: harness.emulator.providers("sk-time-0001"),
      middleware: [cache(), retry({ minDelayMs: 120, jitter: 0 }), rateLimit({ rules: { "*": { concurrency: 1 } } })],
    });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const [first, second] = await Promise.all([llm.chat(ask("one")), llm.chat(ask("two"))]);
    const retried = [first, second].find((r) => r.meta.attempts.length === 2) as ChatResponse;
    expect(retried.meta.timings?.backoffMs).toBeGreaterThanOrEqual(110);
    const queued = [first, second].map((r) => r.meta.timings?.queuedMs ?? 0);
    expect(Math.max(...queued)).toBeGreaterThan(0);
    for (const r of [first, second]) expect(Math.abs(sum(r) - r.meta.latencyMs)).toBeLessThan(1);
    const hit = await llm.chat(ask("one"));
    expect(hit.meta.cached).toBe(true);
    expect(hit.meta.timings?.providerMs).toBe(0);
    expect(hit.meta.timings?.cacheMs).toBeGreaterThan(0);
    expect(Math.abs(sum(hit) - hit.meta.latencyMs)).toBeLessThan(1);
  });
});
