import { AbortError as PRetryAbortError } from "p-retry";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { ConfigError } from "../../core/errors/config-error.js";
import { OverloadedError } from "../../core/errors/overloaded-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { retry } from "./retry-middleware.js";
import { middlewareContext } from "../../testing/middleware-context.js";
import type { RetryInfo, RetryOptions } from "./retry-options.js";

const request: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
const ok = { text: "ok" } as ChatResponse;
const exact: RetryOptions = { jitter: 0 };

/** An attempt-scope context as core hands it; counts how often its signal is read. */
function contextOf(kind: "chat" | "stream" = "chat", signal: AbortSignal = new AbortController().signal): MiddlewareContext & { signalReads: number } {
  return middlewareContext({
    kind,
    signalReads: 0,
    get signal() {
      this.signalReads++;
      return signal;
    },
  } as Partial<MiddlewareContext> & { signalReads: number }) as MiddlewareContext & { signalReads: number };
}

/** A `next` that answers each call in turn (the last one repeating) and notes when it was called. */
function script(...outcomes: readonly unknown[]): { next: (r: ChatRequest) => Promise<ChatResponse>; at: number[] } {
  const at: number[] = [];
  return {
    at,
    next: () => {
      const outcome = outcomes[Math.min(at.length, outcomes.length - 1)];
      at.push(performance.now());
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- scripts throw anything, Errors or not
      return outcome === ok ? Promise.resolve(ok) : Promise.reject(outcome);
    },
  };
}

function chat(mw: Middleware, next: (r: ChatRequest) => Promise<ChatResponse>, context: MiddlewareContext = contextOf()): Promise<ChatResponse> {
  if (!mw.wrapChat) throw new Error("no wrapChat");
  return mw.wrapChat({ request, context, next });
}

/** Runs a chat to its end, fake time passing, and settles with what it gave. */
async function settle(pending: Promise<ChatResponse>): Promise<unknown> {
  const outcome = pending.then(
    (value) => value,
    (error: unknown) => error,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe("retry() chat", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("is an attempt-scope middleware named retry, or as named", () => {
    expect(retry()).toMatchObject({ name: "retry", scope: "attempt" });
    expect(retry({ name: "retry-fast" }).name).toBe("retry-fast");
    expect(() => retry({ retries: -1 })).toThrow(ConfigError);
  });

  it("retries a retryable error after 0.5 s then 1 s, and gives the answer", async () => {
    const s = script(new ServerError("500"), new OverloadedError("503"), ok);
    await expect(settle(chat(retry(exact), s.next))).resolves.toBe(ok);
    expect(s.at).toEqual([0, 500, 1500]);
  });

  it("takes off up to 25 % by default (Math.random), and caps at maxDelayMs", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const s = script(new ServerError("500"), new ServerError("500"), new ServerError("500"), ok);
    await settle(chat(retry({ retries: 3, minDelayMs: 1000, maxDelayMs: 3000 }), s.next));
    // 1000·0.875, 2000·0.875, min(4000, 3000)·0.875
    expect(s.at).toEqual([0, 875, 875 + 1750, 875 + 1750 + 2625]);
  });

  it("after `retries` retries throws the last error itself", async () => {
    const last = new OverloadedError("third");
    const s = script(new ServerError("first"), new ServerError("second"), last);
    await expect(settle(chat(retry(exact), s.next))).resolves.toBe(last);
    expect(s.at).toHaveLength(3);
  });

  it("never retries what is not retryable, nor anything that is not a ProxylessError, and throws it unchanged", async () => {
    for (const error of [new AuthenticationError("401"), new RateLimitError("no", { retryable: false }), new TypeError("fetch failed"), new Error("mine"), "a string", new PRetryAbortError("p-retry's own")]) {
      const s = script(error, ok);
      await expect(settle(chat(retry(exact), s.next))).resolves.toBe(error);
      expect(s.at).toHaveLength(1);
    }
  });

  it("waits at least retryAfterMs", async () => {
    const s = script(new RateLimitError("429", { retryAfterMs: 3_000 }), ok);
    await settle(chat(retry(exact), s.next));
    expect(s.at).toEqual([0, 3000]);
  });

  it("fails at once, with the error itself, when retryAfterMs is longer than maxDelayMs", async () => {
    const long = new RateLimitError("429 retry in 15m", { retryAfterMs: 15 * 60_000 });
    const onRetry = vi.fn();
    const s = script(long, ok);
    const pending = chat(retry({ onRetry }), s.next);
    expect(await settle(pending)).toBe(long);
    expect(s.at).toEqual([0]);
    expect(onRetry).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("maxElapsedMs: a retry whose wait would end past it is not made", async () => {
    const s = script(new ServerError("1"), new ServerError("2"), new ServerError("3"), ok);
    const last = await settle(chat(retry({ ...exact, retries: 5, minDelayMs: 400, factor: 1, maxElapsedMs: 1000 }), s.next));
    // 0 → 400 → 800; a wait to 1200 would end past 1000.
    expect(s.at).toEqual([0, 400, 800]);
    expect(last).toMatchObject({ message: "3" });
  });

  it("maxElapsedMs counts the tries too: a slow failure is not retried past it", async () => {
    let calls = 0;
    const next = async (): Promise<ChatResponse> => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 900));
      throw new ServerError("slow 500");
    };
    await settle(chat(retry({ ...exact, minDelayMs: 200, maxElapsedMs: 1000 }), next));
    expect(calls).toBe(1);
  });

  it("retries: 0 makes one try", async () => {
    const s = script(new ServerError("500"), ok);
    await settle(chat(retry({ retries: 0 }), s.next));
    expect(s.at).toHaveLength(1);
  });

  it("tells onRetry before each wait, and what it throws or rejects with changes nothing", async () => {
    const infos: RetryInfo[] = [];
    const onRetry = (info: RetryInfo): void => {
      infos.push(info);
      if (infos.length === 1) throw new Error("a broken logger");
      void Promise.reject(new Error("a broken async logger")).catch(() => undefined);
    };
    const rejecting = vi.fn(() => Promise.reject(new Error("rejected")));
    const first = new ServerError("500");
    const second = new RateLimitError("429", { retryAfterMs: 1500 });
    const s = script(first, second, ok);
    await expect(settle(chat(retry({ ...exact, onRetry }), s.next))).resolves.toBe(ok);
    expect(infos).toEqual([
      { error: first, attemptNumber: 1, retriesLeft: 1, delayMs: 500, elapsedMs: 0, provider: "openai", model: "gpt-4o-mini", callId: "call-1" },
      { error: second, attemptNumber: 2, retriesLeft: 0, delayMs: 1500, elapsedMs: 500, provider: "openai", model: "gpt-4o-mini", callId: "call-1" },
    ]);
    const t = script(first, ok);
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- an async hook, on purpose: its rejection must be ignored
    await expect(settle(chat(retry({ ...exact, onRetry: rejecting }), t.next))).resolves.toBe(ok);
    expect(rejecting).toHaveBeenCalledOnce();
  });

  it("shouldRetry can veto a retry, is asked only about retryable errors, and a throw is a veto", async () => {
    const shouldRetry = vi.fn((error: unknown, info: RetryInfo) => info.delayMs < 1000);
    const s = script(new ServerError("1"), new ServerError("2"), ok);
    const vetoed = await settle(chat(retry({ ...exact, shouldRetry }), s.next));
    expect(vetoed).toMatchObject({ message: "2" });
    expect(s.at).toEqual([0, 500]);
    expect(shouldRetry.mock.calls.map(([error, info]) => [error, info.delayMs])).toEqual([
      [expect.objectContaining({ message: "1" }), 500],
      [expect.objectContaining({ message: "2" }), 1000],
    ]);

    shouldRetry.mockClear();
    const auth = new AuthenticationError("401");
    await settle(chat(retry({ shouldRetry: () => true }), script(auth, ok).next));
    expect(shouldRetry).not.toHaveBeenCalled();

    const throwing = script(new ServerError("500"), ok);
    const error = await settle(chat(retry({ shouldRetry: () => Promise.reject(new Error("bug")) }), throwing.next));
    expect(error).toMatchObject({ name: "ServerError" });
    expect(throwing.at).toHaveLength(1);
  });

  it("an abort during the backoff rejects at once with the call's AbortError and clears the timer", async () => {
    const controller = new AbortController();
    const s = script(new ServerError("500"), ok);
    const pending = chat(retry({ minDelayMs: 5000 }), s.next, contextOf("chat", controller.signal));
    const outcome = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await outcome).toMatchObject({ name: "AbortError", retryable: false, provider: "openai", message: "openai: the call was aborted" });
    expect(vi.getTimerCount()).toBe(0);
    expect(s.at).toHaveLength(1);
  });

  it("the caller's own deadline passing during the backoff is a non-retryable TimeoutError", async () => {
    const controller = new AbortController();
    const pending = chat(retry(), script(new ServerError("500"), ok).next, contextOf("chat", controller.signal)).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new DOMException("timed out", "TimeoutError"));
    expect(await pending).toMatchObject({ name: "TimeoutError", retryable: false });
  });

  it("an already aborted call is not retried", async () => {
    const s = script(new ServerError("500"), ok);
    expect(await settle(chat(retry(), s.next, contextOf("chat", AbortSignal.abort())))).toMatchObject({ name: "AbortError" });
    expect(s.at).toHaveLength(1);
  });

  it("reads the call's signal only when it waits", async () => {
    const context = contextOf();
    await settle(chat(retry(), script(ok).next, context));
    await settle(chat(retry(), script(new AuthenticationError("401")).next, context));
    expect(context.signalReads).toBe(0);
    await settle(chat(retry(), script(new ServerError("500"), ok).next, context));
    expect(context.signalReads).toBe(1);
  });
});

/** A stream `next`: each call plays the next script, events then maybe an error. */
function streams(...plays: readonly { readonly events: number; readonly error?: Error }[]) {
  const opened: number[] = [];
  const closed: number[] = [];
  const next = (): AsyncIterable<StreamEvent> => ({
    [Symbol.asyncIterator]: () => {
      const index = opened.length;
      const play = plays[Math.min(index, plays.length - 1)] ?? { events: 0 };
      opened.push(performance.now());
      let sent = 0;
      return {
        next: () => {
          if (sent < play.events) return Promise.resolve({ done: false, value: { type: "text-delta", text: `e${index}.${sent++}` } satisfies StreamEvent });
          if (play.error) return Promise.reject(play.error);
          sent++;
          return Promise.resolve(sent === play.events + 1 ? { done: false, value: { type: "finish", response: ok } satisfies StreamEvent } : { done: true, value: undefined });
        },
        return: () => {
          closed.push(index);
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  });
  return { next, opened, closed };
}

function stream(mw: Middleware, next: (r: ChatRequest) => AsyncIterable<StreamEvent>, context: MiddlewareContext = contextOf("stream")): AsyncIterable<StreamEvent> {
  if (!mw.wrapStream) throw new Error("no wrapStream");
  return mw.wrapStream({ request, context, next });
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<{ texts: string[]; error?: unknown }> {
  const texts: string[] = [];
  try {
    for await (const event of events) texts.push(event.type === "text-delta" ? event.text : event.type);
  } catch (error) {
    return { texts, error };
  }
  return { texts };
}

describe("retry() stream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("retries a stream that failed before its first event", async () => {
    const s = streams({ events: 0, error: new OverloadedError("503") }, { events: 2 });
    const result = collect(stream(retry(exact), s.next));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ texts: ["e1.0", "e1.1", "finish"] });
    expect(s.opened).toEqual([0, 500]);
  });

  it("never retries once an event reached the caller: the error is rethrown as it is", async () => {
    const broke = new StreamInterruptedError("cut");
    const s = streams({ events: 2, error: broke }, { events: 2 });
    const result = collect(stream(retry(exact), s.next));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ texts: ["e0.0", "e0.1"], error: broke });
    expect(s.opened).toHaveLength(1);
  });

  it("gives up after `retries` with the last error", async () => {
    const last = new ServerError("last");
    const s = streams({ events: 0, error: new ServerError("1") }, { events: 0, error: new ServerError("2") }, { events: 0, error: last });
    const result = collect(stream(retry(exact), s.next));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ texts: [], error: last });
    expect(s.opened).toHaveLength(3);
  });

  it("a break at the first event, or later, closes the attempt's stream", async () => {
    for (const after of [1, 2]) {
      const s = streams({ events: 3 });
      let seen = 0;
      for await (const _ of stream(retry(), s.next)) if (++seen === after) break;
      expect(s.closed).toEqual([0]);
    }
  });
});
