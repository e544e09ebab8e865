import { describe, expect, it } from "vitest";
import { createClientWith } from "../../core/client.js";
import { InvalidRequestError } from "../../core/errors/invalid-request-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware } from "../../core/types/middleware.js";
import { mockProvider, type MockResponder } from "../../testing/mock-provider.js";
import { retry } from "../retry/index.js";
import { stats, type StatsMiddleware } from "./stats-middleware.js";

const messages = [{ role: "user" as const, content: "Hi" }];
const ask = (model: string): { model: string; messages: typeof messages } => ({ model, messages });

/** A request-scope cache of chats by model: enough to see a hit counted. */
function tinyCache(): Middleware {
  const seen = new Map<string, ChatResponse>();
  return {
    name: "tiny-cache",
    async wrapChat({ request, next }) {
      const hit = seen.get(request.model);
      if (hit) return { ...hit, meta: { ...hit.meta, cached: true, attempts: [] } };
      const res = await next(request);
      seen.set(request.model, res);
      return res;
    },
  };
}

function client(counts: StatsMiddleware, replies: MockResponder | readonly MockResponder[], extra: readonly Middleware[] = []) {
  const mock = mockProvider({ replies });
  return createClientWith(
    { providers: { mock: { adapter: mock } }, middleware: [counts, ...extra], models: { main: { fallback: ["mock/a", "mock/b"] } } },
    [],
  );
}

const target = (counts: StatsMiddleware, model: string) => counts.snapshot().targets.find((t) => t.model === model);

describe("stats", () => {
  it("counts an answered chat on its target: attempts, latency, tokens", async () => {
    const counts = stats();
    const llm = client(counts, { text: "one two three", usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10, cachedInputTokens: 2, reasoningTokens: 1 } });
    await llm.chat(ask("mock/a"));
    await llm.chat(ask("mock/a"));
    const a = target(counts, "a");
    expect(a).toMatchObject({ provider: "mock", model: "a", calls: 2, answered: 2, failed: 0, attempts: 2, retries: 0, fallbacks: 0, cacheHits: 0, hitRate: 0, errors: {} });
    expect(a?.tokens).toEqual({ input: 14, output: 6, total: 20, cached: 4, reasoning: 2 });
    expect(a?.latencyMs.samples).toBe(2);
    expect(a?.latencyMs.p50).toEqual(expect.any(Number) as number);
    expect(a?.firstTokenMs).toEqual({ samples: 0, p50: null });
    expect(counts.snapshot().totals).toMatchObject({ calls: 2, attempts: 2, tokens: { total: 20 } });
  });

  it("counts retries and the errors of failed attempts by class", async () => {
    const counts = stats();
    const llm = client(counts, [new ServerError("boom", { provider: "mock" }), new ServerError("boom", { provider: "mock" }), { text: "ok" }], [retry({ retries: 2, minDelayMs: 0 })]);
    await llm.chat(ask("mock/a"));
    expect(target(counts, "a")).toMatchObject({ calls: 1, answered: 1, attempts: 3, retries: 2, errors: { ServerError: 2 }, callErrors: {} });
  });

  it("counts a fallback on the target it left, and the call on the one that answered", async () => {
    const counts = stats();
    const llm = client(counts, (call) => (call.model === "a" ? new ServerError("down", { provider: "mock" }) : { text: "ok" }));
    await llm.chat(ask("main"));
    expect(target(counts, "a")).toMatchObject({ calls: 0, attempts: 1, fallbacks: 1, errors: { ServerError: 1 } });
    expect(target(counts, "b")).toMatchObject({ calls: 1, answered: 1, attempts: 1, fallbacks: 0 });
    expect(counts.snapshot().totals).toMatchObject({ calls: 1, attempts: 2, fallbacks: 1 });
  });

  it("counts a failed call's final error on the target it ended on", async () => {
    const counts = stats();
    const llm = client(counts, new ServerError("down", { provider: "mock" }));
    await expect(llm.chat(ask("main"))).rejects.toThrow();
    await expect(llm.chat(ask("mock/b"))).rejects.toThrow(ServerError);
    const b = target(counts, "b");
    expect(b).toMatchObject({ calls: 2, failed: 2, attempts: 2, errors: { ServerError: 2 }, callErrors: { AllTargetsFailedError: 1, ServerError: 1 } });
    expect(b?.latencyMs.samples).toBe(0);
  });

  it("counts a cache hit on where the model leads, without latency or tokens", async () => {
    const counts = stats();
    const llm = client(counts, { text: "ok" }, [tinyCache()]);
    await llm.chat(ask("mock/a"));
    await llm.chat(ask("mock/a"));
    const a = target(counts, "a");
    expect(a).toMatchObject({ calls: 2, answered: 2, cacheHits: 1, hitRate: 0.5, attempts: 1 });
    expect(a?.latencyMs.samples).toBe(1);
    expect(counts.snapshot().totals.hitRate).toBe(0.5);
  });

  it("a call refused before routing is counted, unrouted", async () => {
    const counts = stats();
    const llm = client(counts, {});
    await expect(llm.chat(ask("nowhere/x"))).rejects.toThrow();
    expect(counts.snapshot().targets).toMatchObject([{ provider: "(unrouted)", calls: 1, failed: 1 }]);
  });

  describe("streams", () => {
    it("reads the finish event: latency, time to first token, tokens", async () => {
      const counts = stats();
      const llm = client(counts, { text: "one two three" });
      const events = [];
      for await (const event of llm.stream(ask("mock/a"))) events.push(event);
      expect(events.at(-1)?.type).toBe("finish");
      const a = target(counts, "a");
      expect(a).toMatchObject({ calls: 1, answered: 1, attempts: 1, tokens: { output: 3 } });
      expect(a?.firstTokenMs.samples).toBe(1);
      expect(a?.latencyMs.samples).toBe(1);
    });

    it("a consumer that breaks early is a cancelled call", async () => {
      const counts = stats();
      const llm = client(counts, { text: "one two three four" });
      for await (const event of llm.stream(ask("mock/a"))) if (event.type === "text-delta") break;
      expect(target(counts, "a")).toMatchObject({ calls: 1, answered: 0, failed: 0, cancelled: 1 });
    });

    it("a stream that fails is a failed call", async () => {
      const counts = stats();
      const llm = client(counts, new InvalidRequestError("bad", { provider: "mock" }));
      await expect(llm.stream(ask("mock/a")).final()).rejects.toThrow(InvalidRequestError);
      expect(target(counts, "a")).toMatchObject({ calls: 1, failed: 1, errors: { InvalidRequestError: 1 }, callErrors: { InvalidRequestError: 1 } });
    });

    it("a caller's abort is a cancellation, not a failure", async () => {
      const counts = stats();
      const llm = client(counts, { text: "one two three" });
      const stream = llm.stream(ask("mock/a"));
      stream.abort();
      await expect(stream.final()).rejects.toThrow();
      expect(counts.snapshot().totals).toMatchObject({ failed: 0 });
    });
  });

  it("keeps at most maxTargets targets, the one idle longest dropped, totals whole", async () => {
    const counts = stats({ maxTargets: 2 });
    const llm = client(counts, {});
    for (const model of ["mock/a", "mock/b", "mock/a", "mock/c"]) await llm.chat(ask(model));
    const snapshot = counts.snapshot();
    expect(snapshot.targets.map((t) => t.model).sort()).toEqual(["a", "c"]);
    expect(snapshot.evictedTargets).toBe(1);
    expect(snapshot.totals.calls).toBe(4);
  });

  it("the percentile window is bounded by windowSize", async () => {
    const counts = stats({ windowSize: 2 });
    const llm = client(counts, {});
    for (let i = 0; i < 5; i++) await llm.chat(ask("mock/a"));
    expect(counts.snapshot().totals.latencyMs.samples).toBe(2);
    expect(target(counts, "a")?.calls).toBe(5);
  });

  it("snapshot is plain JSON; reset forgets everything", async () => {
    const counts = stats();
    const llm = client(counts, {});
    await llm.chat(ask("mock/a"));
    const snapshot = counts.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    counts.reset();
    expect(counts.snapshot()).toMatchObject({ targets: [], evictedTargets: 0, totals: { calls: 0, hitRate: null } });
  });
});
