/**
 * Budgets over real HTTP: proxyless → official SDK → emulator, priced from the bundled price data
 * (openai/gpt-4o-mini). A call that would pass the limit is refused before anything is sent;
 * concurrent calls cannot together pass it; calls are charged what they cost, however they end.
 */
import { describe, expect, it } from "vitest";
import { budget, BudgetExceededError, builtinMiddleware, ConfigError, createClient, resolveConfig, type BudgetMiddleware, type ChatRequest, type ChatResponse, type ClientConfig, type Middleware } from "proxyless";
import { startEmulator, type Emulator, type EmulatorOptions } from "proxyless/testing";

const KEY = "sk-budget-0001";

async function setup(middleware: readonly Middleware[], options: EmulatorOptions = {}, models?: ClientConfig["models"]) {
  const emulator = await startEmulator(options);
  const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware, ...(models ? { models } : {}) });
  return { emulator, llm, [Symbol.asyncDispose]: () => emulator.close() };
}

/** Every prompt of one length, so that every call reserves the same. */
const ask = (n: number, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: `question ${String(n).padStart(3, "0")}` }],
  maxTokens: 20,
  ...extra,
});

/** What a call reserves, as a budget that can afford nothing reports it. */
async function estimateOf(request: ChatRequest, emulator: Emulator): Promise<number> {
  const probe = budget({ name: "probe", limitUsd: 1e-12 });
  const probing = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [probe] });
  const error = await probing.chat(request).catch((e: unknown) => e);
  if (!(error instanceof BudgetExceededError) || error.estimateUsd === undefined) throw new Error("the probe was not refused");
  return error.estimateUsd;
}

const refusals = (outcomes: readonly unknown[]) => outcomes.filter((o): o is BudgetExceededError => o instanceof BudgetExceededError);

describe("budget over the emulator", () => {
  it("a $0.01 budget refuses the call that would pass it, and nothing of it reaches the provider", async () => {
    const daily = budget({ name: "daily", limitUsd: 0.01, windowMs: 86_400_000 });
    await using t = await setup([daily]);
    const first = await t.llm.chat(ask(1));
    expect(first.cost?.usd).toBeGreaterThan(0);
    expect((await daily.spent()).spentUsd).toBeCloseTo(first.cost?.usd ?? NaN, 12);
    // 20,000 output tokens at gpt-4o-mini's $0.60 per million is $0.012: more than the limit.
    const error = await t.llm.chat(ask(2, { maxTokens: 20_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ budget: "daily", reason: "limit", limitUsd: 0.01, reservedUsd: 0 });
    expect((error as BudgetExceededError).spentUsd).toBeCloseTo(first.cost?.usd ?? NaN, 12);
    expect((error as BudgetExceededError).estimateUsd).toBeGreaterThan(0.012);
    expect((error as BudgetExceededError).message).toContain("openai/gpt-4o-mini");
    expect(t.emulator.requests).toHaveLength(1);
    // Told to the client's listeners too, off the call's path.
    const told: unknown[] = [];
    t.llm.on("budget-exceeded", (e) => told.push(e.error));
    await t.llm.chat(ask(3, { maxTokens: 20_000 })).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ name: "BudgetExceededError", budget: "daily", reason: "limit" });
  });

  it("50 concurrent calls against a budget with room for 10: exactly 10 reach the provider", async () => {
    await using t = await setup([], { latencyMs: 50 });
    const estimate = await estimateOf(ask(0), t.emulator);
    const limited = budget({ name: "ten", limitUsd: estimate * 10.5 });
    const llm = createClient({ retry: false, providers: t.emulator.providers(KEY), middleware: [limited] });
    t.emulator.reset();
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => llm.chat(ask(i)).catch((e: unknown) => e)));
    const answered = outcomes.filter((o): o is ChatResponse => !(o instanceof Error));
    expect(t.emulator.requests).toHaveLength(10);
    expect(answered).toHaveLength(10);
    expect(refusals(outcomes)).toHaveLength(40);
    const spend = await limited.spent();
    expect(spend.reservedUsd).toBe(0);
    expect(spend.spentUsd).toBeLessThanOrEqual(spend.limitUsd);
    const costs = answered.reduce((sum, r) => sum + (r.cost?.usd ?? NaN), 0);
    expect(spend.spentUsd).toBeCloseTo(costs, 12);
  });

  it("per tenant and in total, stacked: a call must fit both", async () => {
    const total = budget({ name: "total", limitUsd: 1 });
    await using t = await setup([]);
    const estimate = await estimateOf(ask(0), t.emulator);
    // Room for two reservations and a half: after one settled call, for one more at a time.
    const tight = budget({ name: "tenant", limitUsd: estimate * 2.5, scope: { metadata: "tenant" } });
    const llm = createClient({ retry: false, providers: t.emulator.providers(KEY), middleware: [tight, total] });
    t.emulator.reset();
    await llm.chat(ask(1, { metadata: { tenant: "acme" }, maxTokens: 20 }));
    // Two at once for acme: one fits beside what acme has spent, the other does not; globex has its own.
    const pair = await Promise.all([llm.chat(ask(2, { metadata: { tenant: "acme" } })), llm.chat(ask(3, { metadata: { tenant: "acme" } }))].map((p) => p.catch((e: unknown) => e)));
    expect(refusals(pair)).toHaveLength(1);
    expect(refusals(pair)[0]).toMatchObject({ budget: "tenant", scope: "metadata.tenant", scopeValue: "acme" });
    await llm.chat(ask(4, { metadata: { tenant: "globex" } }));
    const missing = await llm.chat(ask(5)).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "ValidationError" });
    // Three answered: both budgets counted them, each its own way.
    expect(t.emulator.requests).toHaveLength(3);
    const acme = await tight.spent("acme");
    const globex = await tight.spent("globex");
    expect((await total.spent()).spentUsd).toBeCloseTo(acme.spentUsd + globex.spentUsd, 12);
    expect(acme.reservedUsd + globex.reservedUsd).toBe(0);
  });

  it("a call that fails gives its reservation back: an error status costs nothing", async () => {
    const b = budget({ limitUsd: 1 });
    await using t = await setup([b]);
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 400, code: "invalid_request_error" } });
    await expect(t.llm.chat(ask(1))).rejects.toMatchObject({ status: 400 });
    expect(await b.spent()).toMatchObject({ spentUsd: 0, reservedUsd: 0 });
  });

  it("a fallback is charged what each attempt cost: the response's cost", async () => {
    const b = budget({ limitUsd: 1 });
    await using t = await setup([b], {}, { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"] } });
    t.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const res = await t.llm.chat(ask(1, { model: "main" }));
    expect(res.provider).toBe("anthropic");
    expect(res.cost?.usd).toBeGreaterThan(0);
    expect((await b.spent()).spentUsd).toBeCloseTo(res.cost?.usd ?? NaN, 12);
  });

  it("a stream is charged its finish's cost; one left after its first event keeps its reservation charged", async () => {
    const b: BudgetMiddleware = budget({ limitUsd: 1 });
    await using t = await setup([b]);
    const estimate = await estimateOf(ask(0), t.emulator);
    const finished = await t.llm.stream(ask(1)).final();
    expect((await b.spent()).spentUsd).toBeCloseTo(finished.cost?.usd ?? NaN, 12);
    for await (const event of t.llm.stream(ask(2))) {
      expect(event.type).toBe("text-delta");
      break;
    }
    await expect.poll(async () => (await b.spent()).reservedUsd).toBe(0);
    expect((await b.spent()).spentUsd).toBeCloseTo((finished.cost?.usd ?? NaN) + estimate, 12);
  });

  it("a model without a price is refused by default, and goes through uncounted with unpriced: \"allow\"", async () => {
    const strict = budget({ limitUsd: 1 });
    await using t = await setup([strict]);
    const model = "openai/gpt-unpriced-test";
    const error = await t.llm.chat(ask(1, { model })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BudgetExceededError", reason: "unpriced" });
    expect((error as Error).message).toContain(`"${model}": { inputPerMTokens, outputPerMTokens }`);
    expect(t.emulator.requests).toHaveLength(0);
    const lenient = budget({ limitUsd: 1, unpriced: "allow" });
    const llm = createClient({ retry: false, providers: t.emulator.providers(KEY), middleware: [lenient] });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const res = await llm.chat(ask(2, { model }));
      expect(res.meta.warnings.map((w) => w.setting)).toContain("budget.unpriced");
    } finally {
      console.warn = warn;
    }
    expect((await lenient.spent()).spentUsd).toBe(0);
  });
});

describe("budget in a config file", () => {
  it("is a built-in middleware, its options checked as budget() checks them", () => {
    const config = resolveConfig({ middleware: [{ name: "budget", options: { limitUsd: 5, windowMs: 86_400_000, scope: { metadata: "tenant" } } }] }, { middleware: builtinMiddleware });
    expect(config.middleware?.[0]?.name).toBe("budget");
    expect(() => resolveConfig({ middleware: [{ name: "budget", options: { limit: 5 } }] }, { middleware: builtinMiddleware })).toThrow(ConfigError);
  });
});

