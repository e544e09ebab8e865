/**
 * Budgets shared through Redis: four Node processes under one budget together, reservations that
 * expire when their process dies, a Redis that restarts (its scripts gone), and a Redis that cannot
 * be reached, failing closed or open. Against the Redis at 127.0.0.1:6379 (and a throwaway one).
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { budget, BudgetExceededError, createClient, type ChatRequest } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";
import type { BudgetAccount } from "../src/stores/budget/budget-store.js";
import { RedisBudgetStore } from "../src/stores/budget/redis-budget-store.js";
import { deleteSharedKeys, freePort, SHARED_REDIS_URL, startRedisServer } from "./helpers/redis.js";
import { spawnGoProcess } from "./helpers/spawn-tsx.js";

const PREFIX = `proxyless-test:budget:${process.pid}:${Date.now()}`;
const KEY = "sk-budget-redis-0001";

let emulator: Emulator;
beforeAll(async () => {
  // Slow answers: every process has reserved before the first call settles, so that what is let in
  // is decided by the reservations alone.
  emulator = await startEmulator({ latencyMs: 300 });
});
afterAll(async () => {
  await emulator.close();
  await deleteSharedKeys(`${PREFIX}*`);
});

const ask = (content: string): ChatRequest => ({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content }], maxTokens: 20 });

/** What a call reserves, as a budget that can afford nothing reports it. */
async function estimateOf(request: ChatRequest): Promise<number> {
  const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [budget({ name: "probe", limitUsd: 1e-12 })] });
  const error = await llm.chat(request).catch((e: unknown) => e);
  if (!(error instanceof BudgetExceededError) || error.estimateUsd === undefined) throw new Error("the probe was not refused");
  return error.estimateUsd;
}

type Outcome = { cost: number } | { refused: string } | { error: string };

/** A child process with its own client; resolves its outcomes once told to go. */
function startProcess(env: Record<string, string>): { ready: Promise<void>; go(): Promise<Outcome[]> } {
  const child = spawnGoProcess("budget-process.ts", "budget process", { BASE_URLS: JSON.stringify(emulator.baseURLs), REDIS_URL: SHARED_REDIS_URL, PREFIX, ...env });
  return { ready: child.ready, go: async () => ((await child.go()).outcomes as Outcome[] | undefined) ?? [] };
}

describe("four processes, one Redis budget", () => {
  it("50 calls from four processes at once against room for 10: exactly 10 reach the provider", async () => {
    const estimate = await estimateOf(ask("p0 question 000"));
    const limitUsd = estimate * 10.5;
    const name = "four";
    const processes = [13, 13, 12, 12].map((count, n) => startProcess({ NAME: name, LIMIT_USD: String(limitUsd), COUNT: String(count), TAG: `p${String(n)}` }));
    await Promise.all(processes.map((p) => p.ready));
    emulator.reset();
    const outcomes = (await Promise.all(processes.map((p) => p.go()))).flat();
    expect(outcomes).toHaveLength(50);
    expect(outcomes.filter((o) => "error" in o)).toEqual([]);
    const answered = outcomes.filter((o): o is { cost: number } => "cost" in o);
    expect(emulator.requests).toHaveLength(10);
    expect(answered).toHaveLength(10);
    expect(outcomes.filter((o) => "refused" in o && o.refused === "limit")).toHaveLength(40);
    // The shared figures, from another process: what the ten cost, nothing still held.
    const reader = budget({ name, limitUsd, redis: { url: SHARED_REDIS_URL, prefix: PREFIX } });
    try {
      const spend = await reader.spent();
      expect(spend.reservedUsd).toBe(0);
      expect(spend.spentUsd).toBeCloseTo(answered.reduce((sum, o) => sum + o.cost, 0), 9);
      expect(spend.spentUsd).toBeLessThanOrEqual(limitUsd);
    } finally {
      await reader.close();
    }
  }, 60_000);
});

describe("the Redis store", () => {
  const account = (scope: string): BudgetAccount => ({ budget: "store", scope, windowStart: 0, windowEnd: Infinity });

  it("a reservation never settled (its process died) counts as spent in full after leaseMs; a late settle corrects it", async () => {
    const store = new RedisBudgetStore({ url: SHARED_REDIS_URL, redisClass: Redis, prefix: PREFIX, operationTimeoutMs: 2_000, leaseMs: 200 });
    try {
      const at = account("lease");
      expect(await store.reserve(at, "dead", 700, 1_000)).toEqual({ granted: true, spent: 0, reserved: 0 });
      expect(await store.reserve(at, "other", 400, 1_000)).toMatchObject({ granted: false, reserved: 700 });
      await vi.waitFor(async () => expect(await store.figures(at)).toEqual({ spent: 700, reserved: 0 }), { timeout: 2_000, interval: 50 });
      await store.settle(at, "dead", 700, 100);
      expect(await store.figures(at)).toEqual({ spent: 100, reserved: 0 });
    } finally {
      await store.close();
    }
  });

  it("amounts far beyond a double's integer digits Lua prints: a $10M limit in nano-dollars", async () => {
    const store = new RedisBudgetStore({ url: SHARED_REDIS_URL, redisClass: Redis, prefix: PREFIX, operationTimeoutMs: 2_000, leaseMs: 60_000 });
    try {
      const at = account("large");
      const big = 5e15;
      expect((await store.reserve(at, "a", big, 1e16)).granted).toBe(true);
      await store.settle(at, "a", big, big);
      expect((await store.reserve(at, "b", big, 1e16)).granted).toBe(true);
      expect(await store.figures(at)).toEqual({ spent: big, reserved: big });
    } finally {
      await store.close();
    }
  });

  it("a Redis that restarted (its scripts gone) is sent the script again, and the store carries on", async () => {
    const server = await startRedisServer();
    const store = new RedisBudgetStore({ url: server.url, redisClass: Redis, prefix: PREFIX, operationTimeoutMs: 2_000, leaseMs: 60_000 });
    try {
      const at = account("restart");
      expect((await store.reserve(at, "a", 1, 10)).granted).toBe(true);
      await server.restart();
      await vi.waitFor(async () => expect((await store.reserve(at, "b", 1, 10)).granted).toBe(true), { timeout: 5_000, interval: 100 });
      expect(await store.figures(at)).toEqual({ spent: 0, reserved: 1 });
    } finally {
      await store.close();
      await server.stop();
    }
  }, 20_000);

  it("close() leaves a client the user gave open", async () => {
    const client = new Redis(SHARED_REDIS_URL);
    const b = budget({ name: "own-client", limitUsd: 1, redis: { client, prefix: PREFIX } });
    try {
      expect((await b.spent()).spentUsd).toBe(0);
      await b.close();
      expect(await client.ping()).toBe("PONG");
    } finally {
      await client.quit();
    }
  });
});

describe("Redis unreachable", () => {
  it('onUnavailable "closed" (the default): calls are refused with reason unavailable before anything is sent', async () => {
    const b = budget({ limitUsd: 1, redis: { url: `redis://127.0.0.1:${String(await freePort())}`, connectTimeoutMs: 200 } });
    const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [b] });
    emulator.reset();
    try {
      const error = await llm.chat(ask("a")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BudgetExceededError);
      expect(error).toMatchObject({ reason: "unavailable", code: "budget_unavailable", budget: "budget" });
      expect((error as Error).message).toContain('redis.onUnavailable "closed"');
      expect(emulator.requests).toHaveLength(0);
      await expect(b.spent()).rejects.toThrow("cannot reach its Redis");
    } finally {
      await b.close();
    }
  });

  it('onUnavailable "open": counts in this process alone with the same limit, and says so', async () => {
    const estimate = await estimateOf(ask("a"));
    const b = budget({ name: "open", limitUsd: estimate * 1.5, redis: { url: `redis://127.0.0.1:${String(await freePort())}`, onUnavailable: "open", connectTimeoutMs: 200 } });
    const llm = createClient({ retry: false, providers: emulator.providers(KEY), middleware: [b] });
    emulator.reset();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const [first, second] = await Promise.all([llm.chat(ask("a")), llm.chat(ask("b")).catch((e: unknown) => e)]);
      expect(first.meta.warnings.map((w) => w.message).join()).toContain('budget "open" could not reach Redis');
      expect(String(warn.mock.calls[0]?.[0])).toContain("counting in this process alone");
      // The local account holds the same limit: the second did not fit beside the first.
      expect(second).toMatchObject({ name: "BudgetExceededError", reason: "limit" });
      expect(emulator.requests).toHaveLength(1);
      expect((await b.spent()).spentUsd).toBeCloseTo(first.cost?.usd ?? NaN, 12);
    } finally {
      warn.mockRestore();
      await b.close();
    }
  });
});
