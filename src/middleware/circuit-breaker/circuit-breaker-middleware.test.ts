import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../../core/errors/abort-error.js";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { CircuitOpenError } from "../../core/errors/circuit-open-error.js";
import { ConfigError } from "../../core/errors/config-error.js";
import { InvalidRequestError } from "../../core/errors/invalid-request-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { CircuitEvent, ClientEvent } from "../../core/types/client-event.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import type { Target } from "../../core/types/target.js";
import { middlewareContext } from "../../testing/middleware-context.js";
import { retry } from "../retry/retry-middleware.js";
import { circuitBreaker } from "./circuit-breaker-middleware.js";
import type { CircuitBreakerOptions } from "./circuit-breaker-options.js";

const request: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
const ok = { text: "ok" } as ChatResponse;
const TARGET: Target = { provider: "openai", model: "gpt-4o-mini", keyIndex: 0 };
const boom = (): ServerError => new ServerError("openai: 500", { provider: "openai", status: 500 });

/** An attempt-scope context as core hands it, keeping the events it is given. */
function contextOf(events: ClientEvent[], target: Target = TARGET, kind: "chat" | "stream" = "chat", signal = new AbortController().signal): MiddlewareContext {
  return middlewareContext({ kind, signal, target, route: () => ({ provider: target.provider, model: target.model }), emit: (event) => void events.push(event) });
}

/** A breaker, the events it emitted, and ways to run attempts through it, counting what reaches the provider. */
function harness(options: CircuitBreakerOptions = {}) {
  const mw = circuitBreaker(options);
  const events: ClientEvent[] = [];
  let sent = 0;
  const run = (outcome: unknown, target: Target = TARGET): Promise<unknown> => {
    if (!mw.wrapChat) throw new Error("no wrapChat");
    const next = (): Promise<ChatResponse> => {
      sent++;
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- outcomes are anything thrown
      return outcome === ok ? Promise.resolve(ok) : Promise.reject(outcome);
    };
    return mw.wrapChat({ request, context: contextOf(events, target), next }).then(
      (value) => value,
      (error: unknown) => error,
    );
  };
  const transitions = (): string[] => events.map((e) => `${(e as CircuitEvent).from}→${(e as CircuitEvent).to}`);
  return { mw, events, run, transitions, sent: () => sent };
}

async function times(n: number, step: () => Promise<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(await step());
  return out;
}

describe("circuitBreaker() chat", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is an attempt-scope middleware named circuit-breaker, or as named, and checks its options", () => {
    expect(circuitBreaker()).toMatchObject({ name: "circuit-breaker", scope: "attempt" });
    expect(circuitBreaker({ name: "cb" }).name).toBe("cb");
    expect(() => circuitBreaker({ failureThreshold: 0 })).toThrow(ConfigError);
  });

  it("opens after failureThreshold failures in a row, then refuses at once without sending", async () => {
    const h = harness({ failureThreshold: 3, cooldownMs: 10_000 });
    await times(2, () => h.run(boom()));
    expect(h.events).toHaveLength(0);
    const third = boom();
    expect(await h.run(third)).toBe(third);
    expect(h.events).toEqual([{ type: "circuit", breaker: "circuit-breaker", target: TARGET, from: "closed", to: "open", error: third }]);
    const refused = await h.run(ok);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(refused).toMatchObject({ retryable: false, code: "circuit_open", provider: "openai", retryAfterMs: 10_000, cause: third });
    expect((refused as Error).message).toBe("openai/gpt-4o-mini key 0: circuit open; next probe in 10000 ms (circuit-breaker), opened by ServerError: openai: 500");
    expect(h.sent()).toBe(3);
    vi.advanceTimersByTime(4_000);
    expect(await h.run(ok)).toMatchObject({ retryAfterMs: 6_000 });
    expect(h.sent()).toBe(3);
  });

  it("a success ends the run: failures must come in a row", async () => {
    const h = harness({ failureThreshold: 3 });
    for (let i = 0; i < 5; i++) {
      await times(2, () => h.run(boom()));
      await h.run(ok);
    }
    expect(h.events).toHaveLength(0);
  });

  it("failures older than windowMs drop out of the run", async () => {
    const h = harness({ failureThreshold: 3, windowMs: 1_000 });
    await times(2, () => h.run(boom()));
    vi.advanceTimersByTime(1_000);
    await times(2, () => h.run(boom()));
    expect(h.events).toHaveLength(0);
    await h.run(boom());
    expect(h.transitions()).toEqual(["closed→open"]);
  });

  it("after cooldownMs lets one probe through (half-open); its success closes the circuit", async () => {
    const h = harness({ failureThreshold: 1, cooldownMs: 5_000 });
    await h.run(boom());
    vi.advanceTimersByTime(4_999);
    expect(await h.run(ok)).toBeInstanceOf(CircuitOpenError);
    vi.advanceTimersByTime(1);
    expect(await h.run(ok)).toBe(ok);
    expect(h.transitions()).toEqual(["closed→open", "open→half-open", "half-open→closed"]);
    expect(h.events[1]).not.toHaveProperty("error");
    expect(await h.run(ok)).toBe(ok);
    expect(h.sent()).toBe(3);
  });

  it("a probe's failure opens the circuit again for another cooldown", async () => {
    const h = harness({ failureThreshold: 1, cooldownMs: 5_000 });
    await h.run(boom());
    vi.advanceTimersByTime(5_000);
    const probeError = boom();
    expect(await h.run(probeError)).toBe(probeError);
    expect(h.transitions()).toEqual(["closed→open", "open→half-open", "half-open→open"]);
    expect(h.events[2]).toMatchObject({ error: probeError });
    expect(await h.run(ok)).toMatchObject({ name: "CircuitOpenError", retryAfterMs: 5_000 });
    vi.advanceTimersByTime(5_000);
    expect(await h.run(ok)).toBe(ok);
    expect(h.transitions().at(-1)).toBe("half-open→closed");
  });

  it("lets halfOpenProbes attempts through at a time, refusing the rest while they run", async () => {
    const mw = circuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, halfOpenProbes: 2 });
    const events: ClientEvent[] = [];
    const context = contextOf(events);
    const chat = (next: () => Promise<ChatResponse>): Promise<unknown> => mw.wrapChat!({ request, context, next }).catch((error: unknown) => error);
    await chat(() => Promise.reject(boom()));
    vi.advanceTimersByTime(1_000);
    const answers: ((value: ChatResponse) => void)[] = [];
    const pending = () => new Promise<ChatResponse>((resolve) => answers.push(resolve));
    const probes = [chat(pending), chat(pending)];
    const third = await chat(pending);
    expect(third).toMatchObject({ name: "CircuitOpenError", message: expect.stringContaining("half-open, waiting for its probe") as string });
    expect((third as CircuitOpenError).retryAfterMs).toBeUndefined();
    expect(answers).toHaveLength(2);
    answers[0]?.(ok);
    expect(await probes[0]).toBe(ok);
    // The other probe of that half-open spell ends later: it counts for nothing now.
    answers[1]?.(ok);
    await probes[1];
    expect(events.map((e) => (e as CircuitEvent).to)).toEqual(["open", "half-open", "closed"]);
  });

  it("a probe that counts for nothing (cancelled, a client error) frees its place; the circuit stays half-open", async () => {
    const h = harness({ failureThreshold: 1, cooldownMs: 1_000 });
    await h.run(boom());
    vi.advanceTimersByTime(1_000);
    await h.run(new AbortError("aborted"));
    await h.run(new InvalidRequestError("bad", { status: 400 }));
    expect(h.transitions()).toEqual(["closed→open", "open→half-open"]);
    expect(await h.run(ok)).toBe(ok);
    expect(h.transitions().at(-1)).toBe("half-open→closed");
  });

  it("failureRate opens once minimumRequests attempts in the window are counted", async () => {
    const h = harness({ failureThreshold: Number.POSITIVE_INFINITY, failureRate: 0.5, minimumRequests: 10, windowMs: 10_000 });
    // 4 failures of 8: the rate is there, the attempts are not.
    for (let i = 0; i < 4; i++) {
      await h.run(ok);
      await h.run(boom());
    }
    expect(h.events).toHaveLength(0);
    await h.run(ok);
    expect(h.events).toHaveLength(0);
    await h.run(boom()); // 5 of 10
    expect(h.transitions()).toEqual(["closed→open"]);
  });

  it("failureRate counts only the window: attempts older than it no longer count", async () => {
    const h = harness({ failureThreshold: Number.POSITIVE_INFINITY, failureRate: 0.5, minimumRequests: 4, windowMs: 10_000 });
    await times(3, () => h.run(boom()));
    vi.advanceTimersByTime(10_000);
    await times(3, () => h.run(ok));
    await h.run(boom());
    expect(h.events).toHaveLength(0);
  });

  it("by default counts retryable provider errors, not 429s, client errors, auth, the caller's abort or foreign errors", async () => {
    const h = harness({ failureThreshold: 1 });
    const neutral = [
      new RateLimitError("slow down", { status: 429, retryAfterMs: 1_000 }),
      new InvalidRequestError("bad", { status: 400 }),
      new AuthenticationError("who", { status: 401 }),
      new AbortError("aborted"),
      new Error("a middleware's own"),
      "not even an Error",
    ];
    for (const error of neutral) await h.run(error);
    expect(h.events).toHaveLength(0);
    await h.run(new StreamInterruptedError("cut"));
    expect(h.transitions()).toEqual(["closed→open"]);
  });

  it("never counts an attempt of a call the caller cancelled, whatever isFailure says", async () => {
    const mw = circuitBreaker({ failureThreshold: 1, isFailure: () => true });
    const events: ClientEvent[] = [];
    const caller = new AbortController();
    caller.abort();
    const context = contextOf(events, TARGET, "chat", caller.signal);
    await mw.wrapChat!({ request, context, next: () => Promise.reject(boom()) }).catch(() => undefined);
    expect(events).toHaveLength(0);
  });

  it("isFailure overrides what counts; one that throws counts nothing and the call keeps its error", async () => {
    const counting = harness({ failureThreshold: 1, isFailure: (error) => (error as { status?: number }).status === 429 });
    await counting.run(boom());
    expect(counting.events).toHaveLength(0);
    await counting.run(new RateLimitError("slow", { status: 429 }));
    expect(counting.transitions()).toEqual(["closed→open"]);

    const throwing = harness({
      failureThreshold: 1,
      isFailure: () => {
        throw new Error("hook bug");
      },
    });
    const error = boom();
    expect(await throwing.run(error)).toBe(error);
    expect(throwing.events).toHaveLength(0);
  });

  it("keeps a circuit per key by default; perKey: false shares one across keys, its events naming key -1", async () => {
    const perKey = harness({ failureThreshold: 2 });
    await perKey.run(boom(), { ...TARGET, keyIndex: 0 });
    await perKey.run(boom(), { ...TARGET, keyIndex: 1 });
    expect(perKey.events).toHaveLength(0);
    await perKey.run(boom(), { ...TARGET, keyIndex: 0 });
    expect(perKey.events).toMatchObject([{ target: TARGET, to: "open" }]);
    expect(await perKey.run(ok, { ...TARGET, keyIndex: 1 })).toBe(ok);
    expect(await perKey.run(ok, { ...TARGET, model: "gpt-4o" })).toBe(ok);

    const shared = harness({ failureThreshold: 2, perKey: false });
    await shared.run(boom(), { ...TARGET, keyIndex: 0 });
    await shared.run(boom(), { ...TARGET, keyIndex: 1 });
    expect(shared.events).toMatchObject([{ target: { ...TARGET, keyIndex: -1 }, to: "open" }]);
    expect(await shared.run(ok, { ...TARGET, keyIndex: 2 })).toBeInstanceOf(CircuitOpenError);
  });

  it("an attempt let through before the circuit opened counts for nothing when it ends after", async () => {
    const mw = circuitBreaker({ failureThreshold: 1, cooldownMs: 1_000 });
    const events: ClientEvent[] = [];
    const context = contextOf(events);
    let answer: ((value: ChatResponse) => void) | undefined;
    const slow = mw.wrapChat!({ request, context, next: () => new Promise((resolve) => (answer = resolve)) });
    await mw.wrapChat!({ request, context, next: () => Promise.reject(boom()) }).catch(() => undefined);
    vi.advanceTimersByTime(1_000);
    await mw.wrapChat!({ request, context, next: () => Promise.reject(new AbortError("x")) }).catch(() => undefined); // half-open
    answer?.(ok);
    await slow;
    expect(events.map((e) => (e as CircuitEvent).to)).toEqual(["open", "half-open"]);
  });

  it("inside retry(): the try that opens the circuit fails with its error, the next is refused, and retry stops without waiting", async () => {
    const breaker = circuitBreaker({ failureThreshold: 2 });
    const outer = retry({ retries: 5, minDelayMs: 100, jitter: 0 });
    const context = contextOf([]);
    let sent = 0;
    const inner = (): Promise<ChatResponse> => {
      sent++;
      return Promise.reject(boom());
    };
    const pending = outer.wrapChat!({ request, context, next: (r) => breaker.wrapChat!({ request: r, context, next: inner }) }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100); // the one backoff after the first failure
    await vi.advanceTimersByTimeAsync(200); // the one after the failure that opened it
    const error = await pending;
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(sent).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("circuitBreaker() streams", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const finish: StreamEvent = { type: "finish", response: ok };
  const delta: StreamEvent = { type: "text-delta", text: "hi" };

  /** A stream of these events, then `error` if given; counts how often it was opened. */
  function source(events: readonly StreamEvent[], error?: unknown): { next: () => AsyncIterable<StreamEvent>; opened: () => number } {
    let opened = 0;
    return {
      opened: () => opened,
      next: () => ({
        [Symbol.asyncIterator]: () => {
          opened++;
          let i = 0;
          return {
            next: (): Promise<IteratorResult<StreamEvent>> => {
              const event = events[i++];
              if (event) return Promise.resolve({ done: false, value: event });
              // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- scripts throw anything
              return error === undefined ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(error);
            },
          };
        },
      }),
    };
  }

  async function drain(mw: Middleware, context: MiddlewareContext, next: () => AsyncIterable<StreamEvent>, stopAfter = Infinity): Promise<{ seen: StreamEvent[]; error?: unknown }> {
    const seen: StreamEvent[] = [];
    try {
      for await (const event of mw.wrapStream!({ request, context, next })) {
        seen.push(event);
        if (seen.length >= stopAfter) break;
      }
    } catch (error) {
      return { seen, error };
    }
    return { seen };
  }

  it("fails before and after the first event count; an open circuit refuses without opening the stream", async () => {
    const mw = circuitBreaker({ failureThreshold: 2 });
    const events: ClientEvent[] = [];
    const context = contextOf(events, TARGET, "stream");
    const before = source([], new StreamInterruptedError("reset"));
    await drain(mw, context, before.next);
    const after = source([delta], new StreamInterruptedError("cut"));
    expect(await drain(mw, context, after.next)).toMatchObject({ seen: [delta], error: { name: "StreamInterruptedError" } });
    expect(events.map((e) => (e as CircuitEvent).to)).toEqual(["open"]);
    const healthy = source([delta, finish]);
    const refused = await drain(mw, context, healthy.next);
    expect(refused.error).toBeInstanceOf(CircuitOpenError);
    expect(healthy.opened()).toBe(0);
  });

  it("a stream succeeds at finish; one the consumer closes before finish counts for nothing", async () => {
    const mw = circuitBreaker({ failureThreshold: 1, cooldownMs: 1_000 });
    const events: ClientEvent[] = [];
    const context = contextOf(events, TARGET, "stream");
    await drain(mw, context, source([], boom()).next);
    vi.advanceTimersByTime(1_000);
    // The probe is closed by its consumer after one event: neither closes nor opens.
    await drain(mw, context, source([delta, delta, finish]).next, 1);
    expect(events.map((e) => (e as CircuitEvent).to)).toEqual(["open", "half-open"]);
    // Its place is free again: the next probe finishes, and that closes the circuit.
    expect((await drain(mw, context, source([delta, finish]).next)).seen).toEqual([delta, finish]);
    expect(events.map((e) => (e as CircuitEvent).to)).toEqual(["open", "half-open", "closed"]);
  });
});
