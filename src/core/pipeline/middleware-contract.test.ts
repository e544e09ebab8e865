/**
 * What core promises every middleware, written against the public types only: its errors reach
 * the caller unchanged, what it hands on is validated, a stream never ends clean without its
 * `finish`, and nothing it holds is changed behind its back.
 */
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { mockProvider } from "../../testing/mock-provider.js";
import { createClientWith } from "../client.js";
import { AbortError } from "../errors/abort-error.js";
import { OverloadedError } from "../errors/overloaded-error.js";
import { ServerError } from "../errors/server-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { Middleware } from "../types/middleware.js";
import type { AdapterCall } from "../types/provider-adapter.js";
import type { StreamEvent } from "../types/stream-event.js";

const messages = [{ role: "user" as const, content: "Hi" }];

class TooLong extends Error {
  override readonly name = "TooLong";
}

function client(middleware: Middleware[], replies?: Parameters<typeof mockProvider>[0]) {
  const mock = mockProvider(replies);
  return { mock, llm: createClientWith({ providers: { mock: { adapter: mock } }, middleware }, []) };
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("a middleware's own error reaches the caller unchanged", () => {
  const thrown = new TooLong("prompt too long");
  const hooks: [string, Middleware][] = [
    ["transformRequest", { name: "guard", transformRequest: () => Promise.reject(thrown) }],
    ["wrapChat / wrapStream", { name: "guard", wrapChat: () => Promise.reject(thrown), wrapStream: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(thrown) }) }) }],
    ["attempt scope", { name: "guard", scope: "attempt", transformRequest: () => Promise.reject(thrown) }],
  ];

  it.each(hooks)("%s: chat and stream get the same object", async (_hook, guard) => {
    const { llm, mock } = client([guard]);
    await expect(llm.chat({ model: "mock/m", messages })).rejects.toBe(thrown);
    await expect(drain(llm.stream({ model: "mock/m", messages }))).rejects.toBe(thrown);
    await expect(llm.stream({ model: "mock/m", messages }).final()).rejects.toBe(thrown);
    expect(mock.calls).toHaveLength(0);
  });

  it("an error a middleware throws after the adapter answered is unchanged too", async () => {
    const late: Middleware = {
      name: "late",
      async wrapChat({ request, next }) {
        await next(request);
        throw thrown;
      },
    };
    const { llm } = client([late]);
    await expect(llm.chat({ model: "mock/m", messages })).rejects.toBe(thrown);
  });
});

describe("a stream chain that ends without finish", () => {
  it("makes the caller's loop throw StreamInterruptedError, not end clean", async () => {
    const swallow: Middleware = {
      name: "swallow",
      async *wrapStream({ request, next }) {
        try {
          yield* next(request);
        } catch {
          // Swallowed: the chain ends without `finish`.
        }
      },
    };
    const { llm } = client([swallow], { replies: { text: "a b c d", failAfterEvents: { events: 2, error: new ServerError("boom", { status: 500 }) } } });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of llm.stream({ model: "mock/m", messages })) seen.push(event.type);
    })();
    await expect(loop).rejects.toBeInstanceOf(StreamInterruptedError);
    expect(seen).toEqual(["text-delta", "text-delta"]);
  });

  it("final() rejects the same way", async () => {
    const stop: Middleware = {
      name: "stop-early",
      async *wrapStream({ request, next }) {
        for await (const event of next(request)) {
          if (event.type === "finish") return;
          yield event;
        }
      },
    };
    const { llm } = client([stop]);
    await expect(llm.stream({ model: "mock/m", messages }).final()).rejects.toBeInstanceOf(StreamInterruptedError);
  });
});

describe("what a middleware hands on is validated like the caller's request", () => {
  const cases: [string, Middleware][] = [
    ["transformRequest", { name: "hot", transformRequest: ({ request }) => ({ ...request, temperature: 99 }) }],
    ["next()", { name: "empty", wrapChat: ({ request, next }) => next({ ...request, messages: [] }), wrapStream: ({ request, next }) => next({ ...request, messages: [] }) }],
    ["attempt scope", { name: "typo", scope: "attempt", transformRequest: ({ request }) => ({ ...request, max_tokens: 5 }) as ChatRequest }],
  ];

  it.each(cases)("%s: a ValidationError naming the middleware, before the adapter is called", async (_where, mw) => {
    const { llm, mock } = client([mw]);
    const error = (await llm.chat({ model: "mock/m", messages }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.middleware).toBe(mw.name);
    expect(error.message).toContain(`request from middleware "${mw.name}"`);
    await expect(llm.stream({ model: "mock/m", messages }).final()).rejects.toBeInstanceOf(ValidationError);
    expect(mock.calls).toHaveLength(0);
  });

  it("a middleware that only adds a signal or passes the request on is not re-checked, and works", async () => {
    const pass: Middleware = { name: "pass", wrapChat: ({ request, next }) => next({ ...request, signal: new AbortController().signal }) };
    const { llm, mock } = client([pass]);
    await expect(llm.chat({ model: "mock/m", messages })).resolves.toMatchObject({ text: "Mock reply." });
    expect(mock.calls).toHaveLength(1);
  });
});

describe("responses stay immutable", () => {
  it("the response a middleware holds never changes when the call completes", async () => {
    let held: ChatResponse | undefined;
    let snapshot = "";
    const hold: Middleware = {
      name: "hold",
      async wrapChat({ request, next }) {
        held = await next(request);
        snapshot = JSON.stringify(held);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return held;
      },
    };
    const { llm } = client([hold]);
    const res = await llm.chat({ model: "mock/m", messages });
    expect(JSON.stringify(held)).toBe(snapshot);
    expect(res).not.toBe(held);
    expect(res.meta.latencyMs).toBeGreaterThan(held?.meta.latencyMs ?? Infinity);
    expect(res.meta.attempts).toEqual(held?.meta.attempts);
  });

  it("a finish response a stream middleware keeps never changes either", async () => {
    let kept: ChatResponse | undefined;
    let snapshot = "";
    const keep: Middleware = {
      name: "keep",
      async *wrapStream({ request, next }) {
        for await (const event of next(request)) {
          if (event.type === "finish") {
            kept = event.response;
            snapshot = JSON.stringify(kept);
          }
          yield event;
        }
      },
    };
    const { llm } = client([keep]);
    const res = await llm.stream({ model: "mock/m", messages }).final();
    expect(JSON.stringify(kept)).toBe(snapshot);
    expect(res.meta.timeToFirstTokenMs).toBeTypeOf("number");
    expect(kept?.meta.timeToFirstTokenMs).toBeUndefined();
  });

  it("a frozen response a cache returns again is fine, and each caller gets its own", async () => {
    let cached: ChatResponse | undefined;
    const cache: Middleware = {
      name: "cache",
      async wrapChat({ request, next }) {
        cached ??= deepFreeze(await next(request));
        return cached;
      },
    };
    const { llm, mock } = client([cache]);
    const first = await llm.chat({ model: "mock/m", messages });
    const second = await llm.chat({ model: "mock/m", messages });
    expect(first).not.toBe(second);
    expect(second.meta.attempts).toEqual([]);
    expect(first.meta.attempts).toHaveLength(1);
    expect(mock.calls).toHaveLength(1);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && "value" in descriptor) deepFreeze(descriptor.value);
    }
  }
  return value;
}

describe("signals handed on", () => {
  it("a request-scope signal reaches the attempt's context, its own signal and the adapter; it adds to the caller's", async () => {
    const deadline = new AbortController();
    const seen: { context?: AbortSignal; attempt?: AbortSignal } = {};
    const outer: Middleware = { name: "deadline", wrapChat: ({ request, next }) => next({ ...request, signal: deadline.signal }) };
    const inner: Middleware = {
      name: "look",
      scope: "attempt",
      wrapChat({ request, context, next }) {
        seen.context = context.signal;
        seen.attempt = context.attempt?.signal;
        // Dropping the signal from the request does not drop it from the attempt.
        const { signal: _dropped, ...rest } = request;
        deadline.abort(new ServerError("stop", { status: 500 }));
        return next(rest);
      },
    };
    const { llm, mock } = client([outer, inner]);
    const caller = new AbortController();
    await expect(llm.chat({ model: "mock/m", messages, signal: caller.signal })).rejects.toMatchObject({ name: "ServerError", message: "stop" });
    expect([seen.context?.aborted, seen.attempt?.aborted, mock.calls[0]?.signal?.aborted]).toEqual([true, true, true]);
    expect(caller.signal.aborted).toBe(false);
  });
});

describe("cancellation reaches the caller at once, however the chain behaves", () => {
  it("final() rejects at once after abort(), even while a read is stuck in a middleware", async () => {
    const slow: Middleware = {
      name: "slow",
      async *wrapStream({ request, next }) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        yield* next(request);
      },
    };
    const { llm } = client([slow]);
    const stream = llm.stream({ model: "mock/m", messages });
    const final = stream.final();
    setTimeout(() => stream.abort(), 20);
    const started = performance.now();
    await expect(final).rejects.toMatchObject({ name: "AbortError", retryable: false });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("a middleware that passes on the abort's own reason still gives the caller an AbortError", async () => {
    const waits: Middleware = {
      name: "backoff",
      scope: "attempt",
      wrapChat: ({ context }) => new Promise((_resolve, reject) => context.signal.addEventListener("abort", () => reject(context.signal.reason as Error))),
    };
    const { llm } = client([waits]);
    const caller = new AbortController();
    setTimeout(() => caller.abort(), 10);
    await expect(llm.chat({ model: "mock/m", messages, signal: caller.signal })).rejects.toMatchObject({ name: "AbortError", retryable: false });
  });

  it("an attempt a middleware starts after the call is over leaves no listener on the caller's signal", async () => {
    let later: (() => Promise<unknown>) | undefined;
    const late: Middleware = {
      name: "late",
      scope: "attempt",
      wrapChat({ request, next }) {
        later = () => next({ ...request });
        return next(request);
      },
    };
    const { llm } = client([late]);
    const caller = new AbortController();
    await llm.chat({ model: "mock/m", messages, signal: caller.signal });
    await later?.();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});

describe("attempts a middleware ends, and attempts still running when the call is over", () => {
  const busy = (): OverloadedError => new OverloadedError("open", { status: 503 });
  /** Refuses the first attempt before anything is sent, as an open circuit breaker would. */
  const breaker: Middleware = {
    name: "breaker",
    scope: "attempt",
    wrapChat: ({ request, context, next }) => (context.attempt?.number === 1 ? Promise.reject(busy()) : next(request)),
    async *wrapStream({ request, context, next }) {
      if (context.attempt?.number === 1) throw busy();
      yield* next(request);
    },
  };
  function retrySeeing(seen: number[]): Middleware {
    return {
      name: "retry",
      scope: "attempt",
      async wrapChat({ request, context, next }) {
        try {
          return await next(request);
        } catch {
          seen.push(context.attempts.length);
          return next(request);
        }
      },
      async *wrapStream({ request, context, next }) {
        try {
          yield* next(request);
        } catch {
          seen.push(context.attempts.length);
          yield* next(request);
        }
      },
    };
  }

  it.each(["chat", "stream"] as const)("%s: an attempt a breaker refused is recorded then, with its error, before the retry", async (kind) => {
    const seen: number[] = [];
    const { llm } = client([retrySeeing(seen), breaker]);
    const res = kind === "chat" ? await llm.chat({ model: "mock/m", messages }) : await llm.stream({ model: "mock/m", messages }).final();
    expect(res.meta.attempts.map((a) => [a.number, a.error?.name])).toEqual([
      [1, "OverloadedError"],
      [2, undefined],
    ]);
    expect(seen).toEqual([1]);
  });

  it("a stream hedge that cancels its loser after finish reaches it, and the stream ends", async () => {
    let loserSignal: AbortSignal | undefined;
    const hangUntilAborted = (call: AdapterCall): Promise<Error> => {
      loserSignal = call.signal;
      return new Promise((resolve) => call.signal?.addEventListener("abort", () => resolve(new AbortError("loser cancelled"))));
    };
    const hedge: Middleware = {
      name: "hedge",
      async *wrapStream({ request, next }) {
        const racer = new AbortController();
        const slow = next({ ...request, model: "mock/slow", signal: racer.signal })[Symbol.asyncIterator]();
        const slowFirst = slow.next().catch(() => undefined);
        try {
          yield* next({ ...request, model: "mock/fast" });
        } finally {
          racer.abort();
          await slowFirst;
          await slow.return?.();
        }
      },
    };
    const { llm } = client([hedge], { replies: (call) => (call.model === "slow" ? hangUntilAborted(call) : { text: "fast" }) });
    const res = await Promise.race([llm.stream({ model: "mock/any", messages }).final(), new Promise((resolve) => setTimeout(() => resolve("hung"), 1000))]);
    expect(res).toMatchObject({ text: "fast" });
    expect(loserSignal?.aborted).toBe(true);
  });
});

describe("a stream's outcome is settled once", () => {
  it("an error a middleware raises after finish does not undo the answer", async () => {
    const failsLate: Middleware = {
      name: "store",
      async *wrapStream({ request, next }) {
        yield* next(request);
        throw new Error("cache store failed");
      },
    };
    const { llm } = client([failsLate]);
    await expect(llm.stream({ model: "mock/m", messages }).final()).resolves.toMatchObject({ text: "Mock reply." });
    await expect(drain(llm.stream({ model: "mock/m", messages }))).resolves.toHaveLength(3);
    const stream = llm.stream({ model: "mock/m", messages });
    for await (const event of stream) if (event.type === "finish") break;
    await expect(stream.final()).resolves.toMatchObject({ text: "Mock reply." });
  });

  it("abort() releases every final() at once, and return() does not wait behind a stuck read", async () => {
    let release = (): void => undefined;
    const stuck: Middleware = {
      name: "stuck",
      async *wrapStream({ request, next }) {
        await new Promise<void>((resolve) => (release = resolve));
        yield* next(request);
      },
    };
    const { llm } = client([stuck]);
    const stream = llm.stream({ model: "mock/m", messages });
    const finals = [stream.final(), stream.final()];
    setTimeout(() => stream.abort(), 10);
    await expect(Promise.all(finals.map((f) => f.catch((e: unknown) => (e as Error).name)))).resolves.toEqual(["AbortError", "AbortError"]);

    const manual = llm.stream({ model: "mock/m", messages })[Symbol.asyncIterator]();
    const pending = manual.next().catch((e: unknown) => (e as Error).name);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    await manual.return?.();
    expect(performance.now() - started).toBeLessThan(100);
    release();
    await expect(pending).resolves.toBe("AbortError");
  });
});
