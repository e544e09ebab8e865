/**
 * timeout() against the real SDKs and the emulator over HTTP: each limit fails its attempt with a
 * retryable TimeoutError that names it, the attempt's request is closed on the wire, a retry outside
 * it goes on, nothing is left armed once an attempt ends, and the caller's own cancellation and
 * deadlines behave as they do without it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, ProxylessError, timeout, type Middleware, type MiddlewareContext, type StreamEvent } from "proxyless";
import type { RecordedRequest } from "proxyless/testing";

import { useEmulator } from "./helpers/use-emulator.js";

const KEY = "sk-timeout-0001";
const harness = useEmulator(KEY);
const providers = ["openai", "anthropic", "google"] as const;
const models = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-haiku-4-5", google: "google/gemini-2.5-flash" } as const;
const messages = [{ role: "user" as const, content: "Hello" }];
const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
/**
 * A limit for attempts whose request must reach the emulator before it runs out: on a loaded
 * machine the SDK can take over 100 ms to send one, and a request never sent has nothing to close.
 */
const LIMIT = 300;

// Loads the three SDKs once: a first import takes longer than the limits below.
beforeAll(async () => {
  for (const provider of providers) await harness.llm.chat({ model: models[provider], messages });
});

function client(...middleware: Middleware[]) {
  return createClient({ retry: false, providers: harness.emulator.providers(KEY), middleware });
}

/** Notes the signal each attempt's request carries below the timeout: the one it aborts. */
/** Notes the signal of each attempt it runs in: what the adapter is handed, once a middleware before it made the attempt cancellable. */
function attemptSignals(signals: AbortSignal[]): Middleware {
  const note = (context: MiddlewareContext): void => {
    if (context.attempt) signals.push(context.attempt.signal);
  };
  return {
    name: "attempt-signals",
    scope: "attempt",
    wrapChat({ request, context, next }) {
      note(context);
      return next(request);
    },
    wrapStream({ request, context, next }) {
      note(context);
      return next(request);
    },
  };
}

/** An attempt-scope retry of anything retryable (streams before their first event), public types only. */
function retry(errors: unknown[] = []): Middleware {
  return {
    name: "retry",
    scope: "attempt",
    async wrapChat({ request, next }) {
      for (;;) {
        try {
          return await next(request);
        } catch (error) {
          errors.push(error);
          if (errors.length > 2 || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
        }
      }
    },
    async *wrapStream({ request, next }) {
      for (;;) {
        let started = false;
        try {
          for await (const event of next(request)) {
            started = true;
            yield event;
          }
          return;
        } catch (error) {
          errors.push(error);
          if (started || errors.length > 2 || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
        }
      }
    },
  };
}

interface Outcome {
  readonly error: unknown;
  readonly events: StreamEvent[];
  /** ms from the start to the error (or the end). */
  readonly elapsed: number;
  /** ms from the last event to the error (or the end). */
  readonly sinceLastEvent: number;
}

async function run(stream: AsyncIterable<StreamEvent>, pauseMs = 0): Promise<Outcome> {
  const events: StreamEvent[] = [];
  const started = performance.now();
  let last = started;
  let error: unknown;
  try {
    for await (const event of stream) {
      events.push(event);
      last = performance.now();
      if (pauseMs > 0 && event.type !== "finish") await sleep(pauseMs);
    }
  } catch (e) {
    error = e;
  }
  const now = performance.now();
  return { error, events, elapsed: now - started, sinceLastEvent: now - last };
}

async function timed<T>(promise: Promise<T>): Promise<{ error: unknown; elapsed: number }> {
  const started = performance.now();
  try {
    await promise;
    return { error: undefined, elapsed: performance.now() - started };
  } catch (error) {
    return { error, elapsed: performance.now() - started };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the emulator has received `count` requests. */
async function received(count: number): Promise<void> {
  while (harness.emulator.requests.length < count) await sleep(5);
}

/** The request as the emulator saw it, once it has ended on the wire. */
async function onTheWire(index = 0): Promise<RecordedRequest | undefined> {
  const request = harness.emulator.requests[index];
  await request?.completed;
  return request;
}

describe.each(providers)("%s: each limit fails its attempt and closes its request", (provider) => {
  const model = models[provider];

  it("chat, totalMs against a provider that never answers", async () => {
    const llm = client(timeout({ totalMs: LIMIT }));
    harness.emulator.script({ respond: { type: "hang" } });
    const startedAt = Date.now();
    const { error, elapsed } = await timed(llm.chat({ model, messages }));
    expect(error).toMatchObject({ name: "TimeoutError", code: "attempt_timeout_total", retryable: true, provider, message: `${provider}: no response within ${LIMIT} ms (timeout totalMs)` });
    expect(elapsed).toBeGreaterThanOrEqual(LIMIT - 10);
    expect(elapsed).toBeLessThan(LIMIT + 2000);
    const wire = await onTheWire();
    expect(wire?.clientClosed).toBe(true);
    expect((wire?.closedAt ?? Infinity) - startedAt).toBeLessThan(2000);
  });

  it("stream, firstTokenMs against a provider slow to start", async () => {
    const llm = client(timeout({ firstTokenMs: LIMIT }));
    harness.emulator.script({ respond: { type: "reply", text: "too late", latencyMs: 5000 } });
    const { error, events, elapsed } = await run(llm.stream({ model, messages }));
    expect(error).toMatchObject({ name: "TimeoutError", code: "attempt_timeout_first_token", retryable: true, provider, message: `${provider}: no first event within ${LIMIT} ms (timeout firstTokenMs)` });
    expect(events).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(LIMIT - 10);
    expect(elapsed).toBeLessThan(LIMIT + 2000);
    expect((await onTheWire())?.clientClosed).toBe(true);
  });

  it("stream, idleMs against a provider that goes quiet between events, after some events", async () => {
    const llm = client(timeout({ idleMs: 100 }));
    harness.emulator.script({ respond: { type: "reply", text: words(8), chunkDelayMs: 800 } });
    const { error, events, sinceLastEvent } = await run(llm.stream({ model, messages }));
    expect(error).toMatchObject({ name: "TimeoutError", code: "attempt_timeout_idle", retryable: true, provider, message: `${provider}: no event within 100 ms of the previous one (timeout idleMs)` });
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "finish")).toBe(false);
    expect(sinceLastEvent).toBeGreaterThanOrEqual(90);
    expect(sinceLastEvent).toBeLessThan(2000);
    expect((await onTheWire())?.clientClosed).toBe(true);
  });

  it("stream, totalMs runs out mid-stream", async () => {
    const llm = client(timeout({ totalMs: 1000 }));
    harness.emulator.script({ respond: { type: "reply", text: words(60), chunkDelayMs: 100 } });
    const { error, events, elapsed } = await run(llm.stream({ model, messages }));
    expect(error).toMatchObject({ name: "TimeoutError", code: "attempt_timeout_total", message: `${provider}: the stream did not finish within 1000 ms (timeout totalMs)` });
    expect(events.length).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(4000);
    expect((await onTheWire())?.clientClosed).toBe(true);
  });

  it("stream, totalMs runs out while the caller holds an event: the next read fails, and nothing already received is passed on", async () => {
    const llm = client(timeout({ totalMs: LIMIT }));
    // Every event is on the wire at once: after the first read the rest sit in the SDK's buffers.
    harness.emulator.script({ respond: { type: "reply", text: words(8) } });
    const { error, events } = await run(llm.stream({ model, messages }), LIMIT + 200);
    expect(error).toMatchObject({ name: "TimeoutError", code: "attempt_timeout_total" });
    expect(events).toHaveLength(1);
  });

  it("a fast chat and a fast stream pass, a break closes its request, and nothing is left armed after any", async () => {
    const signals: AbortSignal[] = [];
    const llm = client(timeout({ totalMs: 1000, firstTokenMs: 1000, idleMs: 1000 }), attemptSignals(signals));
    harness.emulator.script({ times: 2, respond: { type: "reply", text: "one two three four", chunkDelayMs: 5 } });
    harness.emulator.script({ respond: { type: "reply", text: words(30), chunkDelayMs: 20 } });
    expect((await llm.chat({ model, messages })).text).toBe("one two three four");
    const { error, events } = await run(llm.stream({ model, messages }));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: "finish", response: { text: "one two three four" } });
    for await (const event of llm.stream({ model, messages })) if (event.type === "text-delta") break;
    expect((await onTheWire(2))?.clientClosed).toBe(true);
    // Past every limit: a timer left behind would have cancelled its attempt with a TimeoutError by
    // now. (The third attempt's signal is aborted by the break, which cancels the whole call.)
    await sleep(1200);
    expect(signals.map((s) => s.aborted)).toEqual([false, false, true]);
    expect(signals.map((s) => (s.reason as Error | undefined)?.name)).not.toContain("TimeoutError");
    expect(harness.emulator.requests.map((r) => r.clientClosed)).toEqual([false, false, true]);
  });
});

describe("a retry outside it", () => {
  it.each(providers)("%s: chat and stream: the timed-out attempt is closed and the next one answers", async (provider) => {
    const model = models[provider];
    // Generous: the second attempt must answer within it on a loaded machine too.
    const llm = client(retry(), timeout({ totalMs: 1000 }));
    harness.emulator.script({ respond: { type: "hang" } });
    harness.emulator.script({ respond: { type: "reply", text: "second try" } });
    const res = await llm.chat({ model, messages });
    expect(res.text).toBe("second try");
    expect(res.meta.attempts.map((a) => [a.number, a.error?.name, (a.error as ProxylessError | undefined)?.code])).toEqual([
      [1, "TimeoutError", "attempt_timeout_total"],
      [2, undefined, undefined],
    ]);
    expect((await onTheWire(0))?.clientClosed).toBe(true);
    expect((await onTheWire(1))?.clientClosed).toBe(false);

    const streaming = client(retry(), timeout({ firstTokenMs: 1000 }));
    harness.emulator.script({ respond: { type: "reply", text: "too late", latencyMs: 10_000 } });
    harness.emulator.script({ respond: { type: "reply", text: "streamed" } });
    const streamed = await streaming.stream({ model, messages }).final();
    expect(streamed.text).toBe("streamed");
    expect(streamed.meta.attempts.map((a) => (a.error as ProxylessError | undefined)?.code)).toEqual(["attempt_timeout_first_token", undefined]);
    expect((await onTheWire(2))?.clientClosed).toBe(true);
  });
});

describe("the caller's own cancellation and deadlines", () => {
  const model = models.openai;

  it("the caller's abort during an attempt is an AbortError, never retried, chat and stream", async () => {
    const errors: unknown[] = [];
    const llm = client(retry(errors), timeout({ totalMs: 5000, firstTokenMs: 5000, idleMs: 5000 }));
    harness.emulator.script({ respond: { type: "hang" } });
    const controller = new AbortController();
    void received(1).then(() => controller.abort());
    await expect(llm.chat({ model, messages, signal: controller.signal })).rejects.toMatchObject({ name: "AbortError", retryable: false });
    expect((await onTheWire(0))?.clientClosed).toBe(true);

    harness.emulator.script({ respond: { type: "reply", text: words(40), chunkDelayMs: 30 } });
    const mid = new AbortController();
    const stream = llm.stream({ model, messages, signal: mid.signal });
    const { error } = await run(
      (async function* () {
        for await (const event of stream) {
          if (event.type === "text-delta") mid.abort();
          yield event;
        }
      })(),
    );
    expect(error).toMatchObject({ name: "AbortError", retryable: false });
    expect((await onTheWire(1))?.clientClosed).toBe(true);
    // A retry sees the caller's abort of the chat (the stream's is closed around it), and nothing it may retry.
    expect(errors.map((e) => [(e as ProxylessError).name, (e as ProxylessError).retryable])).toEqual([["AbortError", false]]);
    expect(harness.emulator.requests).toHaveLength(2);
  });

  it("a signal from AbortSignal.timeout() is still the caller's deadline: a TimeoutError that is not retryable", async () => {
    const errors: unknown[] = [];
    const llm = client(retry(errors), timeout({ totalMs: 5000 }));
    harness.emulator.script({ respond: { type: "hang" } });
    const error = await llm.chat({ model, messages, signal: AbortSignal.timeout(LIMIT) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", retryable: false });
    expect((error as ProxylessError).code).toBeUndefined();
    expect(errors).toEqual([error]);
  });

  it("request.timeoutMs fails as it does without the middleware", async () => {
    harness.emulator.script({ times: 2, respond: { type: "hang" } });
    const without = (await harness.llm.chat({ model, messages, timeoutMs: LIMIT }).catch((e: unknown) => e)) as ProxylessError;
    const withIt = (await client(timeout({ totalMs: 5000 }))
      .chat({ model, messages, timeoutMs: LIMIT })
      .catch((e: unknown) => e)) as ProxylessError;
    expect(without.name).toBe("TimeoutError");
    expect([withIt.name, withIt.retryable, withIt.code, withIt.message]).toEqual([without.name, without.retryable, without.code, without.message]);
  });
});

describe("idleMs measures the provider, not the caller", () => {
  it("a caller slower than idleMs between pulls is not timed out", async () => {
    const llm = client(timeout({ idleMs: 300 }));
    harness.emulator.script({ respond: { type: "reply", text: words(3), chunkDelayMs: 10 } });
    const slowCaller = await run(llm.stream({ model: models.anthropic, messages }), 500);
    expect(slowCaller.error).toBeUndefined();
    expect(slowCaller.events.at(-1)?.type).toBe("finish");
  });
});
