import { describe, expect, it } from "vitest";
import { builtinMiddleware, cache, createClient, formatStats, resolveConfig, retry, stats, type Message, type StatsMiddleware } from "proxyless";
import type { Emulator } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const OPENAI = "openai/gpt-4o-mini";
const ANTHROPIC = "anthropic/claude-haiku-4-5";
const KEY = "sk-stats-key-0001";
const ask = (model: string, text = "Hello"): { model: string; messages: Message[] } => ({ model, messages: [{ role: "user", content: text }] });

const harness = useEmulator("sk-unused-0000");
const emulator = (): Emulator => harness.emulator;

describe("stats against the emulator", () => {
  it("counts errors by class, retries, a fallback, a cache hit, latency and tokens", async () => {
    const counts = stats();
    const llm = createClient({
      providers: emulator().providers(KEY),
      middleware: [counts, cache(), retry({ retries: 1, minDelayMs: 0 })],
      models: { main: { fallback: [OPENAI, ANTHROPIC] } },
    });
    // openai: a 500, retried (another 500), then the route falls back to anthropic.
    emulator().script({ provider: "openai", times: 2, respond: { type: "error", status: 500 } });
    const first = await llm.chat(ask("main", "first"));
    expect(first.provider).toBe("anthropic");
    // A 429 then an answer: a retry on openai that succeeds.
    emulator().script({ provider: "openai", respond: { type: "error", status: 429, retryAfterSeconds: 0 } });
    await llm.chat(ask(OPENAI, "second"));
    // The same request again: answered from the cache.
    const hit = await llm.chat(ask(OPENAI, "second"));
    expect(hit.meta.cached).toBe(true);
    // A stream on anthropic.
    await llm.stream(ask(ANTHROPIC, "third")).final();

    const snapshot = counts.snapshot();
    const openai = snapshot.targets.find((t) => t.provider === "openai");
    const anthropic = snapshot.targets.find((t) => t.provider === "anthropic");
    expect(openai).toMatchObject({
      model: "gpt-4o-mini",
      calls: 2,
      answered: 2,
      attempts: 4,
      retries: 2,
      fallbacks: 1,
      cacheHits: 1,
      hitRate: 0.5,
      errors: { ServerError: 2, RateLimitError: 1 },
    });
    expect(anthropic).toMatchObject({ model: "claude-haiku-4-5", calls: 2, answered: 2, attempts: 2, retries: 0, fallbacks: 0, errors: {} });
    expect(anthropic?.firstTokenMs.samples).toBe(1);
    expect(snapshot.totals).toMatchObject({ calls: 4, answered: 4, failed: 0, attempts: 6, retries: 2, fallbacks: 1, cacheHits: 1, hitRate: 0.25 });
    for (const t of [openai, anthropic, snapshot.totals]) {
      expect(t?.latencyMs.p50).toBeGreaterThan(0);
      expect(t?.latencyMs.p95).toBeGreaterThanOrEqual(t?.latencyMs.p50 ?? Infinity);
      expect(t?.latencyMs.p99).toBeGreaterThanOrEqual(t?.latencyMs.p95 ?? Infinity);
    }
    // Tokens of provider answers only (the cache hit spent none), summed into the totals.
    expect(snapshot.totals.tokens.total).toBeGreaterThan(0);
    expect(snapshot.totals.tokens.input).toBe((openai?.tokens.input ?? 0) + (anthropic?.tokens.input ?? 0));
    expect(snapshot.totals.tokens.total).toBe(snapshot.totals.tokens.input + snapshot.totals.tokens.output);
    // Cost of provider answers only, summed into the totals; every model here has a price.
    expect(openai?.costUsd).toBeGreaterThan(0);
    expect(anthropic?.costUsd).toBeGreaterThan(0);
    expect(snapshot.totals.costUsd).toBeCloseTo((openai?.costUsd ?? 0) + (anthropic?.costUsd ?? 0), 15);
    expect(snapshot.totals.unpriced).toBe(0);

    const table = formatStats(snapshot);
    expect(table).toContain("openai/gpt-4o-mini");
    expect(table).toMatch(/^total\s+4\s+0\s+0\s+6\s+2\s+1\s+25\.0%/m);
    expect(table).toContain("attempts: ServerError ×2, RateLimitError ×1");
  });

  it("a call whose every target fails counts its final error, and no key appears anywhere", async () => {
    const counts = stats();
    const llm = createClient({ providers: emulator().providers(KEY), retry: false, middleware: [counts], models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    emulator().script({ provider: "openai", respond: { type: "error", status: 503, echoKey: true } });
    emulator().script({ provider: "anthropic", respond: { type: "error", status: 500, echoKey: true } });
    await expect(llm.chat(ask("main"))).rejects.toThrow();
    const snapshot = counts.snapshot();
    expect(snapshot.targets.find((t) => t.provider === "anthropic")).toMatchObject({ calls: 1, failed: 1, callErrors: { AllTargetsFailedError: 1 }, errors: { ServerError: 1 } });
    expect(snapshot.targets.find((t) => t.provider === "openai")).toMatchObject({ calls: 0, errors: { OverloadedError: 1 }, fallbacks: 1 });
    expect(JSON.stringify(snapshot)).not.toContain(KEY);
    expect(formatStats(snapshot)).not.toContain(KEY);
  });

  it("from a config file: found by its name in the loaded middleware", async () => {
    const config = resolveConfig({ middleware: [{ name: "stats", options: { maxTargets: 8 } }] }, { middleware: builtinMiddleware });
    const counts = config.middleware?.find((m) => m.name === "stats") as StatsMiddleware;
    const llm = createClient({ ...config, providers: emulator().providers(KEY), retry: false });
    await llm.chat(ask(OPENAI));
    expect(counts.snapshot()).toMatchObject({ maxTargets: 8, totals: { calls: 1, answered: 1 } });
    expect(() => resolveConfig({ middleware: [{ name: "stats", options: { maxTarget: 8 } }] }, { middleware: builtinMiddleware })).toThrow(/unknown option "maxTarget"/);
  });
});

describe("stats: money spent on calls that failed", () => {
  it("counts what a paid answer cost when the call then failed (its structured output did not validate)", async () => {
    const counts = stats();
    const llm = createClient({ retry: false, providers: emulator().providers(KEY), middleware: [counts] });
    emulator().script({ respond: { type: "reply", text: "not json at all" } });
    const error = await llm.chat({ ...ask(OPENAI), responseFormat: { type: "json", schema: { type: "object", properties: { a: { type: "number" } }, required: ["a"] } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "StructuredOutputError" });
    const totals = counts.snapshot().totals;
    expect(totals.failed).toBe(1);
    expect(totals.costUsd).toBeGreaterThan(0);
  });
});
