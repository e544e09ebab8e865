/**
 * Proves the middleware seam carries the shapes later issues need (cache, retry, fallback,
 * tracing, budgets) without touching core. Each middleware here is written the way a user or a
 * built-in would write it, against the public types only.
 */
import { describe, expect, it } from "vitest";
import { mockProvider } from "../../testing/mock-provider.js";
import { createClientWith } from "../client.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";
import { RateLimitError } from "../errors/rate-limit-error.js";
import { ServerError } from "../errors/server-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { Middleware } from "../types/middleware.js";
import type { StreamEvent } from "../types/stream-event.js";

const messages = [{ role: "user" as const, content: "Hi" }];

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** A request-scope cache: answers without calling upstream; streams are stored and replayed as event lists. */
function memoryCache(): Middleware & { readonly hits: number } {
  const chats = new Map<string, ChatResponse>();
  const streams = new Map<string, StreamEvent[]>();
  let hits = 0;
  const keyOf = (r: ChatRequest): string => JSON.stringify([r.model, r.messages]);
  const markCached = (res: ChatResponse): ChatResponse => ({ ...res, meta: { ...res.meta, cached: true } });
  return {
    name: "memory-cache",
    get hits() {
      return hits;
    },
    async wrapChat({ request, next }) {
      const hit = chats.get(keyOf(request));
      if (hit) {
        hits++;
        return markCached(hit);
      }
      const res = await next(request);
      chats.set(keyOf(request), res);
      return res;
    },
    async *wrapStream({ request, next }) {
      const hit = streams.get(keyOf(request));
      if (hit) {
        hits++;
        for (const ev of hit) yield ev.type === "finish" ? { type: "finish", response: markCached(ev.response) } : ev;
        return;
      }
      const recorded: StreamEvent[] = [];
      for await (const ev of next(request)) {
        recorded.push(ev);
        yield ev;
      }
      streams.set(keyOf(request), recorded);
    },
  };
}

/** An attempt-scope retry: decides from `retryable` only; streams retry only before their first event. */
function retry(retries: number): Middleware {
  return {
    name: "retry",
    scope: "attempt",
    async wrapChat({ request, next }) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next(request);
        } catch (error) {
          if (attempt >= retries || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
        }
      }
    },
    async *wrapStream({ request, next }) {
      for (let attempt = 0; ; attempt++) {
        const iterator = next(request)[Symbol.asyncIterator]();
        let first: IteratorResult<StreamEvent>;
        try {
          first = await iterator.next();
        } catch (error) {
          if (attempt >= retries || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
          continue;
        }
        if (first.done) return;
        yield first.value;
        // After the first event the caller has seen output: no more retries.
        for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
        return;
      }
    },
  };
}

/** A request-scope fallback across models, streams only before the first event. */
function fallback(models: string[]): Middleware {
  return {
    name: "fallback",
    async wrapChat({ request, next }) {
      let last: unknown;
      for (const model of models) {
        try {
          return await next({ ...request, model });
        } catch (error) {
          last = error;
        }
      }
      throw last;
    },
    async *wrapStream({ request, next }) {
      let last: unknown;
      for (const model of models) {
        let started = false;
        try {
          for await (const ev of next({ ...request, model })) {
            started = true;
            yield ev;
          }
          return;
        } catch (error) {
          if (started) throw error;
          last = error;
        }
      }
      throw last;
    },
  };
}

describe("middleware seam", () => {
  it("a cache answers chat and replays a stream without calling upstream", async () => {
    const mock = mockProvider({ replies: { text: "cached words here" } });
    const cache = memoryCache();
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [cache] }, []);

    const first = await llm.chat({ model: "mock/m", messages });
    const second = await llm.chat({ model: "mock/m", messages });
    expect(second.text).toBe(first.text);
    expect([first.meta.cached, second.meta.cached]).toEqual([false, true]);
    expect(second.meta.attempts).toEqual([]);

    const live = await collect(llm.stream({ model: "mock/m", messages: [{ role: "user", content: "stream me" }] }));
    const replayed = await collect(llm.stream({ model: "mock/m", messages: [{ role: "user", content: "stream me" }] }));
    expect(replayed.map((e) => e.type)).toEqual(live.map((e) => e.type));
    const finish = replayed.at(-1);
    expect(finish?.type === "finish" && finish.response.meta.cached).toBe(true);
    expect(mock.calls.map((c) => c.kind)).toEqual(["chat", "stream"]);
    expect(cache.hits).toBe(2);
  });

  it("an attempt-scope retry runs once per attempt and every attempt is recorded", async () => {
    const busy = new RateLimitError("busy", { provider: "mock", status: 429 });
    const mock = mockProvider({ replies: [busy, busy, { text: "finally" }] });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [retry(3)] }, []);
    const res = await llm.chat({ model: "mock/m", messages });
    expect(res.text).toBe("finally");
    expect(res.meta.attempts.map((a) => a.error?.name)).toEqual(["RateLimitError", "RateLimitError", undefined]);
    expect(mock.calls).toHaveLength(3);
  });

  it("a retry does not retry what is not retryable", async () => {
    const mock = mockProvider({ replies: new BudgetExceededError("no money") });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [retry(3)] }, []);
    await expect(llm.chat({ model: "mock/m", messages })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mock.calls).toHaveLength(1);
  });

  it("a stream retries before its first event, never after", async () => {
    const mock = mockProvider({
      replies: [new ServerError("boom", { status: 500 }), { text: "a b c", failAfterEvents: { events: 1 } }],
    });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [retry(5)] }, []);
    const seen: string[] = [];
    const stream = llm.stream({ model: "mock/m", messages });
    await expect(
      (async () => {
        for await (const ev of stream) seen.push(ev.type);
      })(),
    ).rejects.toBeInstanceOf(StreamInterruptedError);
    expect(seen).toEqual(["text-delta"]);
    expect(mock.calls).toHaveLength(2);
  });

  it("a request-scope fallback rewrites the model, for streams only before the first event", async () => {
    const down = mockProvider({ name: "down", replies: new ServerError("down", { status: 503 }) });
    const up = mockProvider({ name: "up", replies: { text: "from up" } });
    const llm = createClientWith(
      { providers: { down: { adapter: down }, up: { adapter: up } }, middleware: [fallback(["down/m", "up/m"])] },
      [],
    );
    await expect(llm.chat({ model: "any", messages })).resolves.toMatchObject({ provider: "up", text: "from up" });
    const res = await llm.stream({ model: "any", messages }).final();
    expect(res.provider).toBe("up");
    expect(res.meta.attempts.map((a) => a.target.provider)).toEqual(["down", "up"]);
  });

  it("an observer sees chat and stream in fifteen lines", async () => {
    const seen: string[] = [];
    const observer: Middleware = {
      name: "observer",
      async wrapChat({ request, next }) {
        const res = await next(request);
        seen.push(`chat ${request.model} ${res.usage.totalTokens}`);
        return res;
      },
      async *wrapStream({ request, next }) {
        for await (const ev of next(request)) {
          if (ev.type === "finish") seen.push(`stream ${request.model} ${ev.response.usage.totalTokens}`);
          yield ev;
        }
      },
    };
    const mock = mockProvider({ replies: { text: "x", usage: { inputTokens: 2, outputTokens: 1 } } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [observer] }, []);
    await llm.chat({ model: "mock/m", messages });
    await llm.stream({ model: "mock/m", messages }).final();
    expect(seen).toEqual(["chat mock/m 3", "stream mock/m 3"]);
  });

  it("a budget or guardrail refuses before anything is sent", async () => {
    const mock = mockProvider();
    const guard: Middleware = {
      name: "guard",
      transformRequest({ request }) {
        if (request.metadata?.tenant === "broke") throw new BudgetExceededError("tenant broke is over budget");
        return request;
      },
    };
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [guard] }, []);
    const req = { model: "mock/m", messages, metadata: { tenant: "broke" } };
    await expect(llm.chat(req)).rejects.toBeInstanceOf(BudgetExceededError);
    await expect(llm.stream(req).final()).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mock.calls).toHaveLength(0);
  });

  it("runs in order, scopes see what they should, and nothing mutates the caller's request", async () => {
    const log: string[] = [];
    const tag = (name: string, scope: "request" | "attempt"): Middleware => ({
      name,
      scope,
      transformRequest: ({ request, context }) => {
        log.push(`${name}:${context.scope}:${context.target ? context.target.model : "-"}`);
        return { ...request, metadata: { ...request.metadata, [name]: "1" } };
      },
    });
    const mock = mockProvider();
    const llm = createClientWith(
      { providers: { mock: { adapter: mock } }, middleware: [tag("a", "request"), tag("t", "attempt"), tag("b", "request")] },
      [],
    );
    const request = deepFreeze({ model: "mock/m", messages, metadata: { app: "x" } });
    await llm.chat(request);
    expect(log).toEqual(["a:request:-", "b:request:-", "t:attempt:m"]);
    expect(mock.calls[0]?.request.metadata).toEqual({ app: "x", a: "1", b: "1", t: "1" });
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("middleware seam: an attempt companion", () => {
  it("runs innermost for every attempt, whatever the place of the middleware that brings it", async () => {
    const busy = new RateLimitError("busy", { provider: "mock", status: 429 });
    const mock = mockProvider({ replies: [busy, { text: "ok" }] });
    const order: string[] = [];
    const watcher: Middleware = {
      name: "watcher",
      async wrapChat({ request, next }) {
        order.push("call");
        return next(request);
      },
      attempt: {
        name: "watcher-attempt",
        scope: "attempt",
        async wrapChat({ request, context, next }) {
          order.push(`attempt ${context.attempt?.number}`);
          return next(request);
        },
      },
    };
    const outer: Middleware = {
      name: "outer-attempt",
      scope: "attempt",
      async wrapChat({ request, next }) {
        order.push("retry layer");
        return next(request).catch(() => next(request));
      },
    };
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [watcher, outer] }, []);
    await llm.chat({ model: "mock/m", messages });
    expect(order).toEqual(["call", "retry layer", "attempt 1", "attempt 2"]);
  });

  it("a companion that is not an attempt-scope middleware is a ConfigError", () => {
    const bad = { name: "bad", wrapChat: ({ request, next }: { request: ChatRequest; next: (r: ChatRequest) => Promise<ChatResponse> }) => next(request), attempt: { name: "x", wrapChat: () => Promise.reject(new Error("x")) } };
    expect(() => createClientWith({ providers: { mock: { adapter: mockProvider() } }, middleware: [bad as Middleware] }, [])).toThrow(/companion middleware with scope "attempt"/);
  });
});

describe("middleware seam: stream endings", () => {
  it("lets middleware finish their work when the caller breaks on the finish event", async () => {
    const cache = memoryCache();
    const mock = mockProvider({ replies: { text: "x y" } });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [cache] }, []);
    for await (const ev of llm.stream({ model: "mock/m", messages })) if (ev.type === "finish") break;
    await llm.stream({ model: "mock/m", messages }).final();
    expect(cache.hits).toBe(1);
    expect(mock.calls).toHaveLength(1);
  });
});

describe("middleware seam: responses kept by middleware", () => {
  it("a response a middleware keeps and returns again is copied, never changed by a later call", async () => {
    let kept: ChatResponse | undefined;
    const keepFirst: Middleware = {
      name: "keep-first",
      async wrapChat({ request, next }) {
        if (kept) return kept;
        kept = await next(request);
        return kept;
      },
    };
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider() } }, middleware: [keepFirst] }, []);
    const first = await llm.chat({ model: "mock/m", messages });
    const firstAttempts = first.meta.attempts;
    const second = await llm.chat({ model: "mock/m", messages });
    expect(firstAttempts).toHaveLength(1);
    expect(kept?.meta.attempts).toBe(firstAttempts);
    expect(second).not.toBe(kept);
    expect(second.meta.attempts).toEqual([]);
  });
});

describe("middleware seam: the attempt-scope example of docs/middleware.md", () => {
  it("logs each try with its number and target, and its signal reaches the adapter", async () => {
    const lines: string[] = [];
    const console = { log: (line: string) => lines.push(line) };
    // The example, as the docs show it (console.log captured above).
    const attemptLog: Middleware = {
      name: "attempt-log",
      scope: "attempt",
      async wrapChat({ request, context, next }) {
        const { number, target } = context.attempt!;
        const started = performance.now();
        try {
          // A signal handed on cancels this attempt only: the call can go on with another.
          return await next({ ...request, signal: AbortSignal.timeout(10_000) });
        } finally {
          console.log(`try ${number} on ${target.provider}/${target.model} (key ${target.keyIndex}): ${performance.now() - started} ms`);
        }
      },
    };
    const mock = mockProvider({ replies: [new ServerError("boom", { status: 500 }), { text: "ok" }] });
    const llm = createClientWith({ providers: { mock: { adapter: mock } }, middleware: [retry(2), attemptLog] }, []);
    const res = await llm.chat({ model: "mock/m", messages });
    expect(res.text).toBe("ok");
    expect(lines.map((line) => line.replace(/: [\d.]+ ms$/, ""))).toEqual(["try 1 on mock/m (key -1)", "try 2 on mock/m (key -1)"]);
    expect(mock.calls.map((call) => call.signal instanceof AbortSignal && !call.signal.aborted)).toEqual([true, true]);
  });
});
