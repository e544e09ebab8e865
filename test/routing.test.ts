import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  AllTargetsFailedError,
  AuthenticationError,
  ConfigError,
  InvalidRequestError,
  StreamInterruptedError,
  cache,
  createClient,
  timeout,
  type ClientEvent,
  type Message,
} from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const OPENAI = "openai/gpt-4o-mini";
const ANTHROPIC = "anthropic/claude-haiku-4-5";
const GOOGLE = "google/gemini-2.5-flash";
const ask = (model: string, text = "Hello"): { model: string; messages: Message[] } => ({ model, messages: [{ role: "user", content: text }] });

const harness = useEmulator("sk-route-0001");

const providers = (): ReturnType<Emulator["providers"]> => harness.emulator.providers("sk-route-0001");
const targetsOf = (attempts: readonly { target: { provider: string; model: string } }[]): string[] => attempts.map((a) => `${a.target.provider}/${a.target.model}`);

describe("fallback", () => {
  it("a primary answering 500 is served by the fallback; meta.attempts shows the path and a fallback event is told", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    const events: ClientEvent[] = [];
    llm.on("fallback", (e) => events.push(e));
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const response = await llm.chat(ask("main"));
    expect(response.provider).toBe("anthropic");
    expect(targetsOf(response.meta.attempts)).toEqual([OPENAI, ANTHROPIC]);
    expect(response.meta.attempts[0]?.error?.name).toBe("ServerError");
    expect(response.meta.attempts[1]?.error).toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toMatchObject([{ type: "fallback", from: { provider: "openai" }, to: { provider: "anthropic" } }]);
  });

  it("an overloaded 529 and a hang past the attempt's timeout move on too", async () => {
    const llm = createClient({ providers: providers(), retry: false, middleware: [timeout({ totalMs: 300 })], models: { main: { fallback: [ANTHROPIC, OPENAI, GOOGLE] } } });
    harness.emulator.script({ provider: "anthropic", respond: { type: "error", status: 529 } });
    harness.emulator.script({ provider: "openai", respond: { type: "hang" } });
    const response = await llm.chat(ask("main"));
    expect(response.provider).toBe("google");
    expect(response.meta.attempts.map((a) => a.error?.name)).toEqual(["OverloadedError", "TimeoutError", undefined]);
  });

  it("retries on a target are spent before the route moves on", async () => {
    const llm = createClient({ providers: providers(), models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    harness.emulator.script({ provider: "openai", times: 3, respond: { type: "error", status: 503, retryAfterSeconds: 0 } });
    const response = await llm.chat(ask("main"));
    expect(targetsOf(response.meta.attempts)).toEqual([OPENAI, OPENAI, OPENAI, ANTHROPIC]);
  });

  it("a request error stops at once: the next target is never asked", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 400, message: "bad field" } });
    await expect(llm.chat(ask("main"))).rejects.toThrow(InvalidRequestError);
    expect(harness.emulator.requests.map((r) => r.provider)).toEqual(["openai"]);
  });

  it("all targets failing give an AllTargetsFailedError with every attempt's error", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    harness.emulator.script({ provider: "anthropic", respond: { type: "error", status: 529 } });
    const error = (await llm.chat(ask("main")).catch((e: unknown) => e)) as AllTargetsFailedError;
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    expect(error.errors.map((e) => e.name)).toEqual(["ServerError", "OverloadedError"]);
  });

  it("fallbackOn moves on from a filtered answer, and keeps it when no other target answers", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC], fallbackOn: ["content_filter"] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "", finish: "content_filter" } });
    expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "", finish: "content_filter" } });
    harness.emulator.script({ provider: "anthropic", respond: { type: "error", status: 500 } });
    expect((await llm.chat(ask("main"))).finishReason).toBe("content_filter");
  });
});

describe("streams", () => {
  it("fall back before the first event", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const response = await llm.stream(ask("main")).final();
    expect(response.provider).toBe("anthropic");
    expect(targetsOf(response.meta.attempts)).toEqual([OPENAI, ANTHROPIC]);
  });

  it("after the first event, a cut is a typed error and no other target is asked (never a splice)", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "cut", afterEvents: 3 } });
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const event of llm.stream(ask("main"))) if (event.type === "text-delta") seen.push(event.text);
    };
    await expect(run()).rejects.toThrow(StreamInterruptedError);
    expect(seen.length).toBeGreaterThan(0);
    expect(harness.emulator.requests.map((r) => r.provider)).toEqual(["openai"]);
  });
});

describe("context windows", () => {
  const big = "word ".repeat(800); // about 1 000 tokens by the estimate
  it("a context-length error goes on to a larger target, never a smaller one", async () => {
    const llm = createClient({
      providers: providers(),
      retry: false,
      contextWindows: { [OPENAI]: 8_000, [ANTHROPIC]: 4_000, [GOOGLE]: 32_000 },
      models: { main: { fallback: [OPENAI, ANTHROPIC, GOOGLE] } },
    });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 400, code: "context_length_exceeded", message: "This model's maximum context length is 8000 tokens" } });
    const response = await llm.chat(ask("main", big));
    expect(response.provider).toBe("google");
    expect(harness.emulator.requests.map((r) => r.provider)).toEqual(["openai", "google"]);
  });

  it("a prompt estimated too big for a target skips it without a request", async () => {
    const llm = createClient({ providers: providers(), retry: false, contextWindows: { [OPENAI]: 500 }, models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    const response = await llm.chat(ask("main", big));
    expect(response.provider).toBe("anthropic");
    expect(harness.emulator.requests.map((r) => r.provider)).toEqual(["anthropic"]);
  });
});

describe("load balancing", () => {
  it("least-latency sends most traffic to the faster of two targets", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { loadBalance: [OPENAI, ANTHROPIC], strategy: "least-latency" } } });
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "slow", latencyMs: 40 } });
    for (let i = 0; i < 40; i++) await llm.chat(ask("main"));
    const counts = { openai: 0, anthropic: 0 };
    for (const r of harness.emulator.requests) counts[r.provider as "openai" | "anthropic"] += 1;
    expect(counts.anthropic).toBeGreaterThanOrEqual(38);
  });

  it("weighted 3:1 through the client lands near 75%", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { loadBalance: [{ route: OPENAI, weight: 3 }, { route: ANTHROPIC, weight: 1 }] } } });
    for (let i = 0; i < 400; i++) await llm.chat(ask("main"));
    const share = harness.emulator.requests.filter((r) => r.provider === "openai").length / 400;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
  });

  it("a failed choice falls back to the other entries", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { loadBalance: [OPENAI, ANTHROPIC], strategy: "least-busy" } } });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
  });
});

describe("conditional routes", () => {
  it("match on request features and metadata, first entry first, a default last", async () => {
    const llm = createClient({
      providers: providers(),
      retry: false,
      models: {
        main: {
          conditional: [
            { when: { hasImages: true }, route: GOOGLE },
            { when: { metadata: { tier: { in: ["pro", "team"] } } }, route: ANTHROPIC },
            { route: OPENAI },
          ],
        },
      },
    });
    const image: Message = { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", data: "iVBORw0KGgo=", mediaType: "image/png" }] };
    expect((await llm.chat({ model: "main", messages: [image] })).provider).toBe("google");
    expect((await llm.chat({ ...ask("main"), metadata: { tier: "team" } })).provider).toBe("anthropic");
    expect((await llm.chat({ ...ask("main"), metadata: { tier: "free" } })).provider).toBe("openai");
  });
});

describe("key pools", () => {
  it("a revoked key (401) is disabled and the others keep serving; an event says so", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001", "sk-good-0002"] } });
    try {
      const llm = createClient({ retry: false, providers: { openai: { apiKey: ["sk-good-0001", "sk-revoked-0003", "sk-good-0002"], baseURL: keyed.baseURLs.openai } } });
      const disabled: ClientEvent[] = [];
      llm.on("key-disabled", (e) => disabled.push(e));
      for (let i = 0; i < 9; i++) expect((await llm.chat(ask(OPENAI))).provider).toBe("openai");
      await new Promise((r) => setTimeout(r, 0));
      expect(disabled).toMatchObject([{ type: "key-disabled", provider: "openai", keyIndex: 1, status: 401, keysLeft: 2 }]);
      const revoked = keyed.requests.filter((r) => r.status === 401);
      expect(revoked).toHaveLength(1);
      expect(JSON.stringify(disabled)).not.toContain("sk-");
    } finally {
      await keyed.close();
    }
  });

  it("a 429 on a key rests it and the next key serves at once, without waiting out its retry-after", async () => {
    const llm = createClient({ providers: { openai: { apiKey: ["sk-pool-0001", "sk-pool-0002"], baseURL: harness.emulator.baseURLs.openai } } });
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 5 } });
    const started = performance.now();
    const response = await llm.chat(ask(OPENAI));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response.meta.attempts.map((a) => a.target.keyIndex)).toEqual([0, 1]);
    // The rested key sits out until its retry-after has passed.
    for (let i = 0; i < 3; i++) await llm.chat(ask(OPENAI));
    expect(harness.emulator.requests.map((r) => r.apiKeySuffix)).toEqual(["0001", "0002", "0002", "0002", "0002"]);
  });

  it("a single rejected key stops the route at once (one request)", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001"] } });
    try {
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: "sk-bad-0001", baseURL: keyed.baseURLs.openai }, anthropic: keyed.providers("sk-ant-0001").anthropic },
        models: { main: { fallback: [OPENAI, ANTHROPIC] } },
      });
      await expect(llm.chat(ask("main"))).rejects.toThrow(AuthenticationError);
      expect(keyed.requests.map((r) => r.provider)).toEqual(["openai"]);
    } finally {
      await keyed.close();
    }
  });

  it("every key rejected: a clear error before anything is sent", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001"] } });
    try {
      const llm = createClient({ retry: false, providers: { openai: { apiKey: ["sk-bad-0001", "sk-bad-0002"], baseURL: keyed.baseURLs.openai } } });
      await expect(llm.chat(ask(OPENAI))).rejects.toThrow(AuthenticationError);
      const sent = keyed.requests.length;
      const error = (await llm.chat(ask(OPENAI)).catch((e: unknown) => e)) as AuthenticationError;
      expect(error.code).toBe("all_keys_disabled");
      expect(error.message).toContain("providers.openai.apiKey");
      expect(keyed.requests.length).toBe(sent);
    } finally {
      await keyed.close();
    }
  });

  it("a route moves on from a provider whose pool loses its last key on this call", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001"] } });
    try {
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: ["sk-bad-0001", "sk-bad-0002"], baseURL: keyed.baseURLs.openai }, anthropic: keyed.providers("sk-ant-0001").anthropic },
        models: { main: { fallback: [OPENAI, ANTHROPIC] } },
      });
      expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
      expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
      expect(keyed.requests.map((r) => `${r.provider} ${r.status}`)).toEqual(["openai 401", "openai 401", "anthropic 200", "anthropic 200"]);
    } finally {
      await keyed.close();
    }
  });

  it("a key function that keeps giving a rejected key is asked once more, then the route moves on", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001"] } });
    try {
      let asked = 0;
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: () => (asked++, "sk-stale-0009"), baseURL: keyed.baseURLs.openai }, anthropic: keyed.providers("sk-ant-0001").anthropic },
        models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 1_000 } } },
      });
      expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
      expect(asked).toBe(2);
      expect(keyed.requests.filter((r) => r.provider === "openai")).toHaveLength(1);
    } finally {
      await keyed.close();
    }
  });

  it("a key function rotated at run time is used from the next attempt on", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-first-0001", "sk-second-0002"] } });
    try {
      let current = "sk-first-0001";
      let calls = 0;
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: () => (calls++, Promise.resolve(current)), keyTtlMs: 60_000, baseURL: keyed.baseURLs.openai } },
      });
      await llm.chat(ask(OPENAI));
      await llm.stream(ask(OPENAI)).final();
      expect(calls).toBe(1);
      // The old key is revoked where it is checked: the 401 makes the next attempt ask again.
      current = "sk-second-0002";
      const revoked = await startEmulator({ apiKeys: { openai: ["sk-second-0002"] } });
      try {
        const moved = createClient({ retry: false, providers: { openai: { apiKey: () => Promise.resolve(current), baseURL: revoked.baseURLs.openai } } });
        await moved.chat(ask(OPENAI));
        expect(revoked.requests.at(-1)?.apiKeySuffix).toBe("0002");
      } finally {
        await revoked.close();
      }
      const again = createClient({ retry: false, providers: { openai: { apiKey: () => Promise.resolve(current), keyTtlMs: 1, baseURL: keyed.baseURLs.openai } } });
      await again.chat(ask(OPENAI));
      current = "sk-first-0001";
      await new Promise((r) => setTimeout(r, 5));
      await again.chat(ask(OPENAI));
      expect(keyed.requests.slice(-2).map((r) => r.apiKeySuffix)).toEqual(["0002", "0001"]);
    } finally {
      await keyed.close();
    }
  });

  it("a key function that fails is a ConfigError, and nothing is sent", async () => {
    const llm = createClient({
      retry: false,
      providers: { openai: { apiKey: () => Promise.reject(new Error("vault is sealed")), baseURL: harness.emulator.baseURLs.openai } },
    });
    const error = (await llm.chat(ask(OPENAI)).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.path).toBe("providers.openai.apiKey");
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it("a 401 on a key function's key fetches it again for the next attempt", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-new-0002"] } });
    try {
      const given = ["sk-old-0001", "sk-new-0002"];
      const llm = createClient({ retry: false, providers: { openai: { apiKey: () => Promise.resolve(given.shift() as string), baseURL: keyed.baseURLs.openai } } });
      await expect(llm.chat(ask(OPENAI))).resolves.toMatchObject({ provider: "openai" });
      expect(keyed.requests.map((r) => r.status)).toEqual([401, 200]);
    } finally {
      await keyed.close();
    }
  });
});

describe("hedging", () => {
  it("after 50 ms with a slow primary, the secondary's answer wins and the primary's connection is closed", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 50 } } } });
    const hedges: ClientEvent[] = [];
    llm.on("hedge", (e) => hedges.push(e));
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "late", latencyMs: 3_000 } });
    const started = performance.now();
    const response = await llm.chat(ask("main"));
    expect(response.provider).toBe("anthropic");
    expect(performance.now() - started).toBeLessThan(2_000);
    const primary = harness.emulator.requests.find((r) => r.provider === "openai");
    await primary?.completed;
    expect(primary?.clientClosed).toBe(true);
    expect(hedges).toHaveLength(1);
  });

  it("a target whose key cannot be chosen is a failure like any other: the hedge moves on", async () => {
    const keyed = await startEmulator({ apiKeys: { openai: ["sk-good-0001"] } });
    try {
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: ["sk-bad-0001", "sk-bad-0002"], baseURL: keyed.baseURLs.openai }, anthropic: keyed.providers("sk-ant-0001").anthropic },
        models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 20 } }, plain: OPENAI },
      });
      // Both keys go: every later attempt on openai fails before anything is sent.
      await expect(llm.chat(ask(OPENAI))).rejects.toThrow(AuthenticationError);
      expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
    } finally {
      await keyed.close();
    }
  });

  it("a hedged target rejected on one key of its pool is tried again at once on another", async () => {
    const keyed = await startEmulator();
    try {
      const llm = createClient({
        retry: false,
        providers: { openai: { apiKey: ["sk-bad-0001", "sk-good-0002"], baseURL: keyed.baseURLs.openai }, anthropic: keyed.providers("sk-ant-0001").anthropic, google: keyed.providers("g-0001").google },
        models: { main: { fallback: [OPENAI, ANTHROPIC, GOOGLE], hedge: { afterMs: 20 } } },
      });
      keyed.script({ provider: "openai", match: (r) => r.apiKeySuffix === "0001", respond: { type: "error", status: 401, latencyMs: 100 } });
      keyed.script({ provider: "anthropic", respond: { type: "reply", text: "slow", latencyMs: 600 } });
      keyed.script({ provider: "google", respond: { type: "reply", text: "slow", latencyMs: 600 } });
      const response = await llm.chat(ask("main"));
      // openai's 401 comes after anthropic and google have started beside it: openai itself goes again.
      expect(response.provider).toBe("openai");
      expect(keyed.requests.map((r) => `${r.provider}${r.provider === "openai" ? ` ${r.apiKeySuffix}` : ""}`).sort()).toEqual(["anthropic", "google", "openai 0001", "openai 0002"]);
    } finally {
      await keyed.close();
    }
  });

  it("fallbackOn holds on a hedged route too", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 500 }, fallbackOn: ["content_filter"] } } });
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "", finish: "content_filter" } });
    expect((await llm.chat(ask("main"))).provider).toBe("anthropic");
  });

  it("a stream hedges on its first event", async () => {
    const llm = createClient({ providers: providers(), retry: false, models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 50 } } } });
    harness.emulator.script({ provider: "openai", respond: { type: "reply", text: "late", latencyMs: 3_000 } });
    const response = await llm.stream(ask("main")).final();
    expect(response.provider).toBe("anthropic");
    const primary = harness.emulator.requests.find((r) => r.provider === "openai");
    await primary?.completed;
    expect(primary?.clientClosed).toBe(true);
  });
});

describe("secrets", () => {
  it("no key in any event, attempt record or AllTargetsFailedError, even when the provider echoes it", async () => {
    const keys = ["sk-secret-pool-aaaa1111", "sk-secret-pool-bbbb2222"];
    const antKey = "sk-ant-secret-cccc3333";
    const llm = createClient({
      retry: false,
      providers: { openai: { apiKey: keys, baseURL: harness.emulator.baseURLs.openai }, anthropic: { apiKey: antKey, baseURL: harness.emulator.baseURLs.anthropic } },
      models: { main: { fallback: [OPENAI, ANTHROPIC], hedge: { afterMs: 5 } } },
    });
    const events: ClientEvent[] = [];
    for (const type of ["fallback", "hedge", "key-disabled", "circuit"] as const) llm.on(type, (e) => events.push(e));
    harness.emulator.script({ provider: "openai", times: 2, respond: { type: "error", status: 401, echoKey: true, latencyMs: 20 } });
    harness.emulator.script({ provider: "anthropic", respond: { type: "error", status: 500, echoKey: true } });
    const error = (await llm.chat(ask("main")).catch((e: unknown) => e)) as AllTargetsFailedError;
    await new Promise((r) => setTimeout(r, 10));
    expect(events.length).toBeGreaterThan(0);
    const seen = [inspect(error, { depth: Infinity }), JSON.stringify(events), inspect(events, { depth: Infinity })].join("\n");
    for (const key of [...keys, antKey]) expect(seen).not.toContain(key);
  });
});

describe("with the cache", () => {
  it("the branches of a conditional route keep their own entries; the same branch hits", async () => {
    const llm = createClient({
      providers: providers(),
      retry: false,
      middleware: [cache()],
      models: { main: { conditional: [{ when: { metadata: { tier: "pro" } }, route: ANTHROPIC }, { route: OPENAI }] } },
    });
    const free = await llm.chat({ ...ask("main"), metadata: { tier: "free" } });
    const pro = await llm.chat({ ...ask("main"), metadata: { tier: "pro" } });
    const again = await llm.chat({ ...ask("main"), metadata: { tier: "pro" } });
    expect([free.provider, pro.provider, again.provider]).toEqual(["openai", "anthropic", "anthropic"]);
    expect(again.meta.cached).toBe(true);
    expect(harness.emulator.requests.map((r) => r.provider)).toEqual(["openai", "anthropic"]);
  });
});

describe("lowest-cost from the price data", () => {
  it("ranks entries without a price of their own by their models' prices", async () => {
    // gpt-4o-mini ($0.15 / $0.60) is cheaper than claude-sonnet-4-5 ($3 / $15), whatever the order.
    const llm = createClient({ providers: providers(), retry: false, models: { main: { loadBalance: ["anthropic/claude-sonnet-4-5", "openai/gpt-4o-mini"], strategy: "lowest-cost" } } });
    const res = await llm.chat({ model: "main", messages: [{ role: "user", content: "Hi" }] });
    expect(res.provider).toBe("openai");
    const own = createClient({
      providers: providers(),
      retry: false,
      prices: { "anthropic/claude-sonnet-4-5": { inputPerMTokens: 0.01, outputPerMTokens: 0.01 } },
      models: { main: { loadBalance: ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5"], strategy: "lowest-cost" } },
    });
    expect((await own.chat({ model: "main", messages: [{ role: "user", content: "Hi" }] })).provider).toBe("anthropic");
  });
});

describe("config", () => {
  it("routes are validated when the client is made", () => {
    expect(() => createClient({ providers: providers(), models: { main: { fallback: ["nowhere/x"] } } })).toThrow(/models\.main\.fallback\[0\].*unknown provider "nowhere"/);
    expect(() => createClient({ providers: providers(), models: { a: { fallback: ["b"] }, b: { fallback: ["a"] } } })).toThrow(/alias cycle/);
    expect(() => createClient({ providers: providers(), models: { main: { loadBalance: ["openai/my-fine-tune"], strategy: "lowest-cost" } } })).toThrow(/needs a price.*openai\/my-fine-tune/);
    expect(() => createClient({ providers: providers(), models: { main: { fallback: [] } } })).toThrow(ConfigError);
  });

  it("a conditional route that matches nothing is a ValidationError before any request", async () => {
    const llm = createClient({ providers: providers(), models: { main: { conditional: [{ when: { hasTools: true }, route: OPENAI }] } } });
    await expect(llm.chat(ask("main"))).rejects.toThrow(/no entry of models\.main\.conditional matches/);
    expect(harness.emulator.requests).toHaveLength(0);
  });
});
