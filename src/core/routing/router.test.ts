import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../types/chat-request.js";
import type { ProviderRegistry } from "./provider-registry.js";
import { Router } from "./router.js";
import type { RouteSpec } from "./route-spec.js";
import { TargetStats } from "./target-stats.js";
import { seededRandom } from "../../../test/helpers/seeded-random.js";

const registry = { has: (p: string) => ["openai", "anthropic", "google"].includes(p), names: () => ["openai", "anthropic", "google"] } as unknown as ProviderRegistry;
const ask = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: "user", content: "hi" }], ...extra });
const ids = (router: Router, request: ChatRequest): string[] => router.plan(request).targets.map((t) => `${t.provider}/${t.model}`);


function router(models: Record<string, RouteSpec>, stats = new TargetStats(), random = seededRandom(7)): Router {
  return new Router(models, registry, stats, random);
}

describe("Router", () => {
  it("a model id is one target; an alias of one is that target, resolved once", () => {
    const r = router({ fast: "openai/gpt-4o-mini", quick: "fast" });
    expect(ids(r, ask("anthropic/claude-haiku-4-5"))).toEqual(["anthropic/claude-haiku-4-5"]);
    expect(ids(r, ask("quick"))).toEqual(["openai/gpt-4o-mini"]);
    expect(r.plan(ask("quick"))).toBe(r.plan(ask("quick")));
    expect(r.resolve("quick")).toEqual({ provider: "openai", model: "gpt-4o-mini" });
  });

  it("fallbacks nest and flatten in order, each target once", () => {
    const r = router({ backup: { fallback: ["google/gemini-2.5-flash", "openai/gpt-4o-mini"] }, main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "backup"] } });
    expect(ids(r, ask("main"))).toEqual(["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"]);
    expect(r.resolve("main")).toEqual({ provider: "route", model: "main→openai/gpt-4o-mini,anthropic/claude-haiku-4-5,google/gemini-2.5-flash" });
  });

  it("weighted 3:1 over 4000 calls puts the heavier first within ±3 points of 75%", () => {
    const r = router({ main: { loadBalance: [{ route: "openai/a", weight: 3 }, { route: "anthropic/b", weight: 1 }] } });
    let first = 0;
    for (let i = 0; i < 4000; i++) if (r.plan(ask("main")).targets[0]?.provider === "openai") first += 1;
    expect(Math.abs(first / 4000 - 0.75)).toBeLessThanOrEqual(0.03);
    // The other entry always follows as the fallback.
    expect(r.plan(ask("main")).targets).toHaveLength(2);
  });

  it("least-latency tries an unmeasured target first, then the fastest; latency is never divided by tokens", () => {
    const stats = new TargetStats();
    const r = router({ main: { loadBalance: ["openai/a", "anthropic/b"], strategy: "least-latency" } }, stats);
    stats.observe({ provider: "openai", model: "a" }, 50);
    expect(ids(r, ask("main"))[0]).toBe("anthropic/b");
    stats.observe({ provider: "anthropic", model: "b" }, 200);
    expect(ids(r, ask("main"))).toEqual(["openai/a", "anthropic/b"]);
  });

  it("least-busy orders by attempts in flight", () => {
    const stats = new TargetStats();
    const r = router({ main: { loadBalance: ["openai/a", "anthropic/b"], strategy: "least-busy" } }, stats);
    const end = stats.begin({ provider: "openai", model: "a" });
    expect(ids(r, ask("main"))[0]).toBe("anthropic/b");
    end();
    expect(ids(r, ask("main"))[0]).toBe("openai/a");
  });

  it("lowest-cost orders by the request's estimated cost at each entry's price", () => {
    const r = router({
      main: {
        loadBalance: [
          { route: "openai/big", price: { inputPerMTokens: 2.5, outputPerMTokens: 10 } },
          { route: "google/cheap-out", price: { inputPerMTokens: 3, outputPerMTokens: 0.5 } },
        ],
        strategy: "lowest-cost",
      },
    });
    expect(ids(r, ask("main", { maxTokens: 1000 }))[0]).toBe("google/cheap-out");
    const longPrompt = ask("main", { maxTokens: 1, messages: [{ role: "user", content: "x".repeat(40_000) }] });
    expect(ids(r, longPrompt)[0]).toBe("openai/big");
  });

  it("conditional: the first entry that matches", () => {
    const r = router({ main: { conditional: [{ when: { hasTools: true }, route: "openai/tools" }, { when: { inputTokens: { gt: 100 } }, route: "google/long" }, { route: "anthropic/default" }] } });
    expect(ids(r, ask("main"))).toEqual(["anthropic/default"]);
    expect(ids(r, ask("main", { messages: [{ role: "user", content: "y".repeat(1000) }] }))).toEqual(["google/long"]);
    expect(ids(r, ask("main", { tools: [{ name: "t", parameters: { type: "object" } }] }))).toEqual(["openai/tools"]);
  });

  it("the outermost route's hedge and fallbackOn apply", () => {
    const r = router({ main: { fallback: ["openai/a", "anthropic/b"], hedge: { afterMs: 50 }, fallbackOn: ["refusal"] } });
    const plan = r.plan(ask("main"));
    expect(plan.hedge).toEqual({ afterMs: 50 });
    expect(plan.fallbackOn?.has("refusal")).toBe(true);
  });

  it("a model id may be given a route of its own that names it", () => {
    const r = router({ "openai/gpt-4o": { fallback: ["openai/gpt-4o", "anthropic/claude-sonnet-4-6"] } });
    expect(ids(r, ask("openai/gpt-4o"))).toEqual(["openai/gpt-4o", "anthropic/claude-sonnet-4-6"]);
  });

  it("config mistakes name the path", () => {
    expect(() => router({ main: { fallback: ["openai/a", { loadBalance: ["mistral/x"] }] } })).toThrow(/models\.main\.fallback\[1\]\.loadBalance\[0\]: unknown provider "mistral"/);
    expect(() => router({ main: "gpt-4o" })).toThrow(/models\.main: "gpt-4o" is neither an alias nor provider\/model/);
    expect(() => router({ a: "b", b: "a" })).toThrow(/alias cycle a → b → a/);
  });
});
