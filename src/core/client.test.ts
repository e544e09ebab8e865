import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { mockProvider } from "../testing/mock-provider.js";
import { createClientWith } from "./client.js";
import type { ClientConfig } from "./config/client-config.js";
import { AbortError } from "./errors/abort-error.js";
import { ConfigError } from "./errors/config-error.js";
import { RateLimitError } from "./errors/rate-limit-error.js";
import { StreamInterruptedError } from "./errors/stream-interrupted-error.js";
import { ValidationError } from "./errors/validation-error.js";
import type { ProviderAdapter, ProviderFactory } from "./types/provider-adapter.js";
import type { StreamEvent } from "./types/stream-event.js";

const messages = [{ role: "user" as const, content: "Hi" }];

/** A factory standing in for a built-in provider type, to exercise registry behaviour. */
function fakeFactory(type: string, envKeys: string[], created: { name: string }[] = []): ProviderFactory {
  return {
    type,
    defaultName: type,
    envKeys,
    requiresApiKey: true,
    create: (settings): ProviderAdapter => {
      created.push({ name: settings.name });
      return mockProvider({ name: settings.name, replies: { text: `from ${settings.name}` } });
    },
  };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

afterEach(() => vi.unstubAllEnvs());

describe("createClient: chat", () => {
  it("returns the normalised response with meta", async () => {
    const mock = mockProvider({ replies: { text: "Hello there", usage: { inputTokens: 5, outputTokens: 2 } } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, prices: { "mock/m1": { inputPerMTokens: 1, outputPerMTokens: 2 } } }, []);
    const res = await llm.chat({ model: "mock/m1", messages });
    expect(res.cost?.usd).toBeCloseTo((5 * 1 + 2 * 2) / 1e6, 15);
    expect(res).toMatchObject({
      provider: "mock",
      model: "m1",
      text: "Hello there",
      finishReason: "stop",
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
      message: { role: "assistant", content: "Hello there" },
      meta: { cached: false, warnings: [] },
    });
    expect(res.meta.attempts).toEqual([
      {
        number: 1,
        id: expect.any(String) as string,
        target: { provider: "mock", model: "m1", keyIndex: -1 },
        durationMs: expect.any(Number) as number,
        providerMs: expect.any(Number) as number,
        cost: res.cost,
      },
    ]);
    expect(res.meta.latencyMs).toBeGreaterThanOrEqual(0);
    expect(mock.calls[0]?.model).toBe("m1");
  });

  it("validates the request before anything is sent", async () => {
    const mock = mockProvider();
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    await expect(llm.chat({ model: "mock/m", messages: [], temperature: 9 } as never)).rejects.toThrow(ValidationError);
    await expect(llm.chat({ model: "nope/m", messages })).rejects.toThrow('model: unknown provider "nope" in "nope/m" (configured: mock)');
    await expect(llm.chat({ model: "no-slash", messages })).rejects.toThrow('"no-slash" is neither an alias nor provider/model');
    expect(mock.calls).toHaveLength(0);
  });

  it("resolves aliases, including aliases of aliases", async () => {
    const mock = mockProvider();
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, models: { fast: "quick", quick: "mock/tiny" } }, []);
    await llm.chat({ model: "fast", messages });
    expect(mock.calls[0]?.model).toBe("tiny");
  });

  it("validates structured output into object, typed from the zod schema", async () => {
    const mock = mockProvider({ replies: { text: '{"city":"Oslo","n":3}' } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const res = await llm.chat({ model: "mock/m", messages, responseFormat: { type: "json", schema: z.object({ city: z.string(), n: z.number() }) } });
    const city: string = res.object.city;
    expect(city).toBe("Oslo");
  });

  it("hands the typed error of the adapter to the caller and records the attempt", async () => {
    const error = new RateLimitError("slow down", { provider: "mock", status: 429, retryAfterMs: 1000 });
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider({ replies: error }) } } }, []);
    await expect(llm.chat({ model: "mock/m", messages })).rejects.toBe(error);
  });

  it("turns an aborted signal into an AbortError", async () => {
    const controller = new AbortController();
    const mock = mockProvider({
      replies: (call) =>
        new Promise((_, reject) => call.signal?.addEventListener("abort", () => reject(new Error("aborted by signal")))),
    });
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const pending = llm.chat({ model: "mock/m", messages, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe("createClient: stream", () => {
  it("emits deltas then a finish carrying the same response as chat", async () => {
    const reply = { text: "one two three", toolCalls: [{ id: "c1", name: "f", arguments: { a: 1 } }] };
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider({ replies: reply }) } } }, []);
    const events = await collect(llm.stream({ model: "mock/m", messages }));
    expect(events.map((e) => e.type)).toEqual(["text-delta", "text-delta", "text-delta", "tool-call-delta", "tool-call", "finish"]);
    const finish = events.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish");
    const chat = await llm.chat({ model: "mock/m", messages });
    const strip = ({ meta: _m, raw: _r, ...rest }: typeof chat): object => rest;
    expect(strip(finish.response)).toEqual(strip(chat));
    expect(finish.response.meta.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it("final() drains the stream and resolves the response", async () => {
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider({ replies: { text: "a b" } }) } } }, []);
    const stream = llm.stream({ model: "mock/m", messages });
    await expect(stream.final()).resolves.toMatchObject({ text: "a b" });
  });

  it("throws ValidationError synchronously", () => {
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider() } } }, []);
    expect(() => llm.stream({ model: "mock/m", messages: [] })).toThrow(ValidationError);
  });

  it("surfaces a broken stream as a typed error, never a short finish", async () => {
    const mock = mockProvider({ replies: { text: "a b c", failAfterEvents: { events: 2 } } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const stream = llm.stream({ model: "mock/m", messages });
    await expect(collect(stream)).rejects.toBeInstanceOf(StreamInterruptedError);
    await expect(stream.final()).rejects.toBeInstanceOf(StreamInterruptedError);
  });

  it("abort() ends iteration with an AbortError and aborts the adapter's signal", async () => {
    const mock = mockProvider({ replies: { text: "a b c d" } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const stream = llm.stream({ model: "mock/m", messages });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const ev of stream) {
          seen.push(ev.type);
          stream.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(["text-delta"]);
    expect(mock.calls[0]?.signal?.aborted).toBe(true);
  });

  it("break closes the chain and aborts the adapter's signal", async () => {
    const mock = mockProvider({ replies: { text: "a b c d" } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const stream = llm.stream({ model: "mock/m", messages });
    for await (const _ of stream) break;
    expect(mock.calls[0]?.signal?.aborted).toBe(true);
    await expect(stream.final()).rejects.toBeInstanceOf(AbortError);
  });

  it("refuses a second iteration", async () => {
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider() } } }, []);
    const stream = llm.stream({ model: "mock/m", messages });
    await collect(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow("already being iterated");
  });
});

describe("createClient: configuration", () => {
  it("names the offending config path", () => {
    expect(() => createClientWith({ providers: { groq: { baseURL: "not a url" } } }, [])).toThrow(
      "Invalid client config: providers.groq.baseURL: must be an absolute URL",
    );
    expect(() => createClientWith({ middleware: [{ name: "x" }] }, [])).toThrow("middleware[0]: must be a middleware");
  });

  it("names an unknown top-level key by its own path, with the key it most likely meant", () => {
    const error = (() => {
      try {
        createClientWith({ modles: {} } as unknown as ClientConfig, []);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe("modles");
    expect((error as ConfigError).message).toBe('Invalid client config: modles: unknown field; did you mean "models"?');
  });

  it("needs a type for providers not named after one", () => {
    expect(() => createClientWith({ providers: { groq: { apiKey: "k" } } }, [fakeFactory("openai", [])])).toThrow(
      "providers.groq.type is required for a provider not named after a type (one of: openai)",
    );
  });

  it("detects alias cycles and unknown providers at creation", () => {
    const providers = { mock: { adapter: mockProvider() } };
    expect(() => createClientWith({ providers, models: { a: "b", b: "a" } }, [])).toThrow("models.a: alias cycle a → b → a");
    expect(() => createClientWith({ providers, models: { a: "zzz/m" } }, [])).toThrow('models.a: unknown provider "zzz"');
  });

  it("offers built-in types under their own name with the key from the environment", async () => {
    vi.stubEnv("FAKE_API_KEY", "sk-from-env");
    const created: { name: string }[] = [];
    const llm = createClientWith({}, [fakeFactory("fake", ["FAKE_API_KEY"], created)]);
    await expect(llm.chat({ model: "fake/m", messages })).resolves.toMatchObject({ text: "from fake" });
    expect(created).toEqual([{ name: "fake" }]);
  });

  it("says which variable to set when a key is missing", async () => {
    vi.stubEnv("FAKE_API_KEY", "");
    const llm = createClientWith({}, [fakeFactory("fake", ["FAKE_API_KEY", "OTHER_KEY"])]);
    const error = await llm.chat({ model: "fake/m", messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'No API key for provider "fake": set FAKE_API_KEY or OTHER_KEY in the environment, or providers.fake.apiKey',
    );
  });

  it("uses a key list in turn", async () => {
    const llm = createClientWith({ providers: { fake: { apiKey: ["k1", "k2"] } } }, [fakeFactory("fake", [])]);
    const a = await llm.chat({ model: "fake/m", messages });
    const b = await llm.chat({ model: "fake/m", messages });
    const c = await llm.chat({ model: "fake/m", messages });
    expect([a, b, c].map((r) => r.meta.attempts[0]?.target.keyIndex)).toEqual([0, 1, 0]);
  });
});

describe("createClient: signals", () => {
  it("a chat without a caller signal has none: nothing can abort it", async () => {
    const mock = mockProvider();
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    await llm.chat({ model: "mock/m", messages });
    expect(mock.calls[0]?.signal).toBeUndefined();
  });

  it("the adapter never gets the caller's signal itself (an SDK may leave listeners on it), but one that follows it", async () => {
    const mock = mockProvider();
    const llm = createClientWith({ providers: { mock: { adapter: mock } } }, []);
    const caller = new AbortController();
    await llm.chat({ model: "mock/m", messages, signal: caller.signal });
    const chatSignal = mock.calls[0]?.signal;
    expect(chatSignal).toBeInstanceOf(AbortSignal);
    expect(chatSignal).not.toBe(caller.signal);
    const iterator = llm.stream({ model: "mock/m", messages, signal: caller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    const streamSignal = mock.calls[1]?.signal;
    expect(streamSignal).not.toBe(caller.signal);
    caller.abort();
    expect(streamSignal?.aborted).toBe(true);
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError);
  });
});
