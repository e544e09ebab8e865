/**
 * Cost on every response, against the emulator through the real SDKs: the recorded responses
 * priced by hand from the bundled price data (`@pydantic/genai-prices` 0.1.8, pinned), the
 * config's own prices, an unpriced model, streams, cache hits.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cache, createClient, type ChatRequest, type Middleware, type MiddlewareContext } from "proxyless";
import type { EmulatedProvider } from "proxyless/testing";
import { fixturePath, type FixtureProvider } from "./helpers/fixtures.js";
import { useEmulator } from "./helpers/use-emulator.js";

const harness = useEmulator("sk-cost");
const PROVIDER: Record<FixtureProvider, EmulatedProvider> = { openai: "openai", anthropic: "anthropic", gemini: "google" };
const M = 1e6;

function replay(provider: FixtureProvider, file: string): void {
  harness.emulator.script({ provider: PROVIDER[provider], respond: { type: "replay", file: fixturePath(provider, file) } });
}

const ask = (model: string): ChatRequest => ({ model, messages: [{ role: "user", content: "Replay" }] });

describe("cost of the recorded responses, by hand from the price data", () => {
  it("OpenAI o3-mini with reasoning: $1.10 in, $4.40 out per million", async () => {
    replay("openai", "chat_reasoning_tokens.json");
    const res = await harness.llm.chat(ask("openai/o3-mini-2025-01-31"));
    // usage: 13 in (0 cached), 238 out of which 192 reasoning
    expect(res.cost?.inputUsd).toBeCloseTo((13 * 1.1) / M, 15);
    expect(res.cost?.outputUsd).toBeCloseTo((238 * 4.4) / M, 15);
    expect(res.cost?.reasoningUsd).toBeCloseTo((192 * 4.4) / M, 15);
    expect(res.cost?.cachedInputUsd).toBe(0);
    expect(res.cost?.usd).toBeCloseTo((13 * 1.1 + 238 * 4.4) / M, 15);
    expect(res.cost).toMatchObject({ priceSource: "@pydantic/genai-prices@0.1.8", priceDate: "2026-09-23", pricedModel: "o3-mini" });
  });

  it("Anthropic with cache reads and writes: $3 in, $0.30 cache read, $3.75 cache write, $15 out", async () => {
    replay("anthropic", "cache_usage.json");
    const res = await harness.llm.chat(ask("anthropic/claude-sonnet-4-5-20250929"));
    // usage: input_tokens 3, cache_read 1111, cache_creation 418, output 33
    expect(res.usage).toMatchObject({ inputTokens: 1532, cachedInputTokens: 1111, cacheWriteInputTokens: 418 });
    expect(res.cost?.cachedInputUsd).toBeCloseTo((1111 * 0.3) / M, 15);
    expect(res.cost?.cacheWriteUsd).toBeCloseTo((418 * 3.75) / M, 15);
    expect(res.cost?.inputUsd).toBeCloseTo((3 * 3 + 1111 * 0.3 + 418 * 3.75) / M, 15);
    expect(res.cost?.outputUsd).toBeCloseTo((33 * 15) / M, 15);
    expect(res.cost?.usd).toBeCloseTo((3 * 3 + 1111 * 0.3 + 418 * 3.75 + 33 * 15) / M, 15);
    expect(res.cost?.pricedModel).toBe("claude-sonnet-4-5");
  });

  it("Gemini with cached content and thoughts: $0.30 in, $0.03 cached, $2.50 out", async () => {
    replay("gemini", "cached_content.json");
    const res = await harness.llm.chat(ask("google/gemini-2.5-flash"));
    // usage: prompt 3520 of which 3512 cached; 2 candidates + 42 thoughts out
    expect(res.cost?.cachedInputUsd).toBeCloseTo((3512 * 0.03) / M, 15);
    expect(res.cost?.inputUsd).toBeCloseTo((8 * 0.3 + 3512 * 0.03) / M, 15);
    expect(res.cost?.outputUsd).toBeCloseTo((44 * 2.5) / M, 15);
    expect(res.cost?.reasoningUsd).toBeCloseTo((42 * 2.5) / M, 15);
    expect(res.cost?.usd).toBeCloseTo((8 * 0.3 + 3512 * 0.03 + 44 * 2.5) / M, 15);
  });

  it("a recorded stream costs what its usage says: Anthropic's text stream", async () => {
    replay("anthropic", "text_stream.sse.txt");
    const res = await harness.llm.stream(ask("anthropic/claude-sonnet-4-5-20250929")).final();
    expect(res.usage.inputTokens).toBeGreaterThan(0);
    expect(res.cost?.usd).toBeCloseTo((res.usage.inputTokens * 3 + res.usage.outputTokens * 15) / M, 15);
  });
});

describe("cost, everywhere else", () => {
  it("a stream costs the same as the equal chat, on each provider", async () => {
    for (const model of ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"]) {
      const request = { ...ask(model), messages: [{ role: "user" as const, content: "Tell me about the sea" }] };
      const chat = await harness.llm.chat(request);
      const streamed = await harness.llm.stream(request).final();
      expect(streamed.usage, model).toEqual(chat.usage);
      expect(streamed.cost, model).toEqual(chat.cost);
      expect(chat.cost?.usd, model).toBeGreaterThan(0);
      expect(chat.meta.attempts[0]?.cost, model).toEqual(chat.cost);
    }
  });

  it("an unpriced model has no cost and a warning that says what to add: never a silent $0", async () => {
    const res = await harness.llm.chat(ask("openai/my-fine-tune"));
    expect(res.cost).toBeUndefined();
    const warning = res.meta.warnings.find((w) => w.setting === "cost");
    expect(warning?.message).toContain("openai/my-fine-tune");
    expect(warning?.message).toContain("prices");
    const streamed = await harness.llm.stream(ask("openai/my-fine-tune")).final();
    expect(streamed.cost).toBeUndefined();
    expect(streamed.meta.warnings.map((w) => w.setting)).toContain("cost");
  });

  it("the config's prices price a model the data does not know, and win over the data", async () => {
    const llm = createClient({
      retry: false,
      providers: harness.emulator.providers("sk-cost"),
      prices: { "openai/my-fine-tune": { inputPerMTokens: 2, outputPerMTokens: 8, date: "2026-11-30" }, "gpt-4o-mini": { inputPerMTokens: 100, outputPerMTokens: 100 } },
    });
    const own = await llm.chat(ask("openai/my-fine-tune"));
    expect(own.cost).toMatchObject({ priceSource: "config", priceDate: "2026-11-30" });
    expect(own.cost?.usd).toBeCloseTo((own.usage.inputTokens * 2 + own.usage.outputTokens * 8) / M, 15);
    expect(own.meta.warnings.map((w) => w.setting)).not.toContain("cost");
    const known = await llm.chat(ask("openai/gpt-4o-mini"));
    expect(known.cost?.usd).toBeCloseTo((known.usage.totalTokens * 100) / M, 15);
  });

  it("prices: false computes none, and says nothing", async () => {
    const llm = createClient({ retry: false, providers: harness.emulator.providers("sk-cost"), prices: false });
    const res = await llm.chat(ask("openai/gpt-4o-mini"));
    expect(res.cost).toBeUndefined();
    expect(res.meta.warnings).toEqual([]);
  });

  it("a cache hit costs nothing: summing responses gives what was spent", async () => {
    const llm = createClient({ retry: false, providers: harness.emulator.providers("sk-cost"), middleware: [cache()] });
    const first = await llm.chat(ask("openai/gpt-4o-mini"));
    const hit = await llm.chat(ask("openai/gpt-4o-mini"));
    expect(first.cost?.usd).toBeGreaterThan(0);
    expect(hit.meta.cached).toBe(true);
    expect(hit.cost).toBeUndefined();
  });

  it("bad prices are a ConfigError naming the entry", () => {
    expect(() => createClient({ prices: { "openai/x": { inputPerMTokens: -1, outputPerMTokens: 1 } } })).toThrow(/prices\.openai\/x\.inputPerMTokens/);
  });
});

describe("context.estimateCost", () => {
  it("bounds a request by the dearest target its route may take, before anything is sent", async () => {
    let seen: ReturnType<MiddlewareContext["estimateCost"]>;
    const probe: Middleware = {
      name: "probe",
      wrapChat({ request, context, next }) {
        seen = context.estimateCost(request);
        return next(request);
      },
    };
    const llm = createClient({
      retry: false,
      providers: harness.emulator.providers("sk-cost"),
      models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5"] }, odd: { fallback: ["openai/gpt-4o-mini", "openai/my-fine-tune"] } },
      middleware: [probe],
    });
    const request = { model: "main", maxTokens: 1000, messages: [{ role: "user" as const, content: "x".repeat(400) }] };
    await llm.chat(request);
    // 400 characters / 4 + 4 per message = 104 input tokens; 1000 out, at claude-sonnet-4-5's $3 / $15.
    expect(seen).toMatchObject({ inputTokens: 104, outputTokens: 1000, target: "anthropic/claude-sonnet-4-5" });
    expect(seen?.cost.usd).toBeCloseTo((104 * 3 + 1000 * 15) / M, 15);
    await llm.chat({ ...request, model: "odd" });
    expect(seen).toBeUndefined();
  });
});

describe("cost and the cache", () => {
  it("a hit of an unpriced model repeats no missing-price warning: it has no cost to lack", async () => {
    const llm = createClient({ retry: false, providers: harness.emulator.providers("sk-cost"), middleware: [cache()] });
    const first = await llm.chat(ask("openai/my-fine-tune"));
    expect(first.meta.warnings.map((w) => w.setting)).toContain("cost");
    const hit = await llm.chat(ask("openai/my-fine-tune"));
    expect(hit.meta.cached).toBe(true);
    expect(hit.meta.warnings.map((w) => w.setting)).not.toContain("cost");
  });
});

describe("OpenAI's cached input, by hand", () => {
  it("prices cached prompt tokens at the cache rate: gpt-4.1-nano $0.10 in, $0.025 cached, $0.40 out", async () => {
    // The recorded chat_text body with its usage changed to carry cached tokens (no recorded
    // OpenAI fixture has any): 2000 prompt tokens of which 1536 cached, 363 completion.
    const recorded = JSON.parse(readFileSync(fixturePath("openai", "chat_text.json"), "utf8")) as { usage: Record<string, unknown> };
    recorded.usage = { ...recorded.usage, prompt_tokens: 2000, total_tokens: 2363, prompt_tokens_details: { cached_tokens: 1536, audio_tokens: 0 } };
    harness.emulator.script({ provider: "openai", respond: { type: "replay", body: JSON.stringify(recorded) } });
    const res = await harness.llm.chat(ask("openai/gpt-4.1-nano-2025-04-14"));
    expect(res.usage).toMatchObject({ inputTokens: 2000, cachedInputTokens: 1536, outputTokens: 363 });
    expect(res.cost?.cachedInputUsd).toBeCloseTo((1536 * 0.025) / M, 15);
    expect(res.cost?.inputUsd).toBeCloseTo((464 * 0.1 + 1536 * 0.025) / M, 15);
    expect(res.cost?.usd).toBeCloseTo((464 * 0.1 + 1536 * 0.025 + 363 * 0.4) / M, 15);
    expect(res.cost?.cacheWriteUsd).toBe(0);
  });
});
