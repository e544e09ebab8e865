import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import { middlewareContext } from "../../testing/middleware-context.js";
import type { AttemptInfo, Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { timeout } from "./timeout-middleware.js";

const request: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };
const response = { text: "ok" } as ChatResponse;
const text = (t: string): StreamEvent => ({ type: "text-delta", text: t });
const finish: StreamEvent = { type: "finish", response };

/** The signal of the attempt in the latest context: what the middleware cancels the attempt with (`attempt.abortable()`), as core's adapter gets it. */
let attemptSignal = new AbortController().signal;

function contextOf(kind: "chat" | "stream"): MiddlewareContext {
  const context = middlewareContext({ kind, callId: "c1", route: (model) => ({ provider: "openai", model }) });
  attemptSignal = (context.attempt as AttemptInfo).signal;
  return context;
}

/** A chat `next` that answers when told, or fails with the reason of the attempt's signal, as core does. */
function chatNext(): { next: (r: ChatRequest) => Promise<ChatResponse>; handed: ChatRequest[]; answer: () => void } {
  const handed: ChatRequest[] = [];
  let answer = (): void => undefined;
  const next = (r: ChatRequest): Promise<ChatResponse> => {
    handed.push(r);
    return new Promise((resolve, reject) => {
      answer = () => resolve(response);
      attemptSignal.addEventListener("abort", () => reject(attemptSignal.reason as Error));
    });
  };
  return { next, handed, get answer() { return answer; } };
}

/** A stream `next` whose events the test sends; a pending read fails with the attempt's signal's reason. */
function streamNext() {
  const queue: StreamEvent[] = [];
  const state = { handed: undefined as ChatRequest | undefined, returned: false, pulls: 0 };
  let waiter: { resolve: (step: IteratorResult<StreamEvent>) => void; reject: (e: unknown) => void } | undefined;
  const next = (r: ChatRequest): AsyncIterable<StreamEvent> => {
    state.handed = r;
    const signal = attemptSignal;
    signal.addEventListener("abort", () => waiter?.reject(signal.reason));
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          state.pulls++;
          const event = queue.shift();
          if (event) return Promise.resolve({ done: false, value: event });
          return new Promise<IteratorResult<StreamEvent>>((resolve, reject) => (waiter = { resolve, reject }));
        },
        return: () => {
          state.returned = true;
          return Promise.resolve({ done: true, value: undefined });
        },
      }),
    };
  };
  const send = (event: StreamEvent): void => {
    if (waiter) waiter.resolve({ done: false, value: event });
    else queue.push(event);
    waiter = undefined;
  };
  return { next, send, state };
}

function chatOf(mw: Middleware, next: (r: ChatRequest) => Promise<ChatResponse>): Promise<ChatResponse> {
  if (!mw.wrapChat) throw new Error("no wrapChat");
  return mw.wrapChat({ request, context: contextOf("chat"), next });
}

function streamOf(mw: Middleware, next: (r: ChatRequest) => AsyncIterable<StreamEvent>): AsyncIterator<StreamEvent> {
  if (!mw.wrapStream) throw new Error("no wrapStream");
  return mw.wrapStream({ request, context: contextOf("stream"), next })[Symbol.asyncIterator]();
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("timeout(): chat", () => {
  it("cancels the attempt with a retryable TimeoutError naming totalMs", async () => {
    const fake = chatNext();
    const pending = rejectionOf(chatOf(timeout({ totalMs: 2000 }), fake.next));
    await vi.advanceTimersByTimeAsync(1999);
    expect(attemptSignal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ message: "openai: no response within 2000 ms (timeout totalMs)", code: "attempt_timeout_total", retryable: true, provider: "openai" });
    expect(attemptSignal.reason).toBe(error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("hands on the request as it is (it cancels the attempt, not through a signal of its own), and clears its timer on an answer", async () => {
    const fake = chatNext();
    const caller = new AbortController();
    const asked = { ...request, signal: caller.signal };
    const pending = timeout({ totalMs: 2000 }).wrapChat?.({ request: asked, context: contextOf("chat"), next: fake.next });
    expect(vi.getTimerCount()).toBe(1);
    fake.answer();
    await expect(pending).resolves.toBe(response);
    expect(fake.handed[0]).toBe(asked);
    expect(attemptSignal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears its timer when the attempt fails, and passes the error on unchanged", async () => {
    const failure = new Error("boom");
    await expect(chatOf(timeout({ totalMs: 2000 }), () => Promise.reject(failure))).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("has no chat hook without totalMs: firstTokenMs and idleMs are for streams", () => {
    expect("wrapChat" in timeout({ firstTokenMs: 100, idleMs: 100 })).toBe(false);
    expect(timeout({ totalMs: 100 })).toMatchObject({ name: "timeout", scope: "attempt" });
  });

  it("says its own name in the message", async () => {
    const error = rejectionOf(chatOf(timeout({ totalMs: 10, name: "slow-guard" }), chatNext().next));
    await vi.advanceTimersByTimeAsync(10);
    expect(await error).toMatchObject({ message: "openai: no response within 10 ms (slow-guard totalMs)" });
  });
});

describe("timeout(): stream", () => {
  it("firstTokenMs: no first event in time fails the pending read, with the code attempt_timeout_first_token", async () => {
    const fake = streamNext();
    const iterator = streamOf(timeout({ firstTokenMs: 2000 }), fake.next);
    const pending = rejectionOf(iterator.next());
    await vi.advanceTimersByTimeAsync(2000);
    expect(await pending).toMatchObject({ name: "TimeoutError", message: "openai: no first event within 2000 ms (timeout firstTokenMs)", code: "attempt_timeout_first_token", retryable: true });
    expect(vi.getTimerCount()).toBe(0);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("idleMs: re-armed by every event; a gap longer than it fails after the events before", async () => {
    const fake = streamNext();
    const iterator = streamOf(timeout({ idleMs: 100, firstTokenMs: 5000 }), fake.next);
    for (let i = 0; i < 5; i++) {
      const step = iterator.next();
      await vi.advanceTimersByTimeAsync(90);
      fake.send(text(`w${i}`));
      await expect(step).resolves.toEqual({ done: false, value: text(`w${i}`) });
    }
    const pending = rejectionOf(iterator.next());
    await vi.advanceTimersByTimeAsync(100);
    expect(await pending).toMatchObject({ message: "openai: no event within 100 ms of the previous one (timeout idleMs)", code: "attempt_timeout_idle", retryable: true, provider: "openai" });
    expect(attemptSignal.aborted).toBe(true);
  });

  it("idleMs does not count the caller's time between pulls; totalMs does", async () => {
    const fake = streamNext();
    const iterator = streamOf(timeout({ idleMs: 100, totalMs: 1000 }), fake.next);
    fake.send(text("a"));
    fake.send(text("b"));
    await iterator.next();
    // The caller takes its time: the provider is not idle.
    await vi.advanceTimersByTimeAsync(500);
    await expect(iterator.next()).resolves.toMatchObject({ value: text("b") });
    await vi.advanceTimersByTimeAsync(500);
    expect(attemptSignal.aborted).toBe(true);
    // totalMs ran out while the caller held an event: the next read fails, the stream is closed.
    fake.send(text("buffered"));
    expect(await rejectionOf(iterator.next())).toMatchObject({ message: "openai: the stream did not finish within 1000 ms (timeout totalMs)", code: "attempt_timeout_total" });
    expect(fake.state.returned).toBe(true);
  });

  it("a fast stream passes untouched and its finish leaves no timer", async () => {
    const fake = streamNext();
    const iterator = streamOf(timeout({ totalMs: 1000, firstTokenMs: 100, idleMs: 100 }), fake.next);
    const events = [text("a"), text("b"), finish];
    for (const event of events) fake.send(event);
    for (const event of events) await expect(iterator.next()).resolves.toEqual({ done: false, value: event });
    expect(vi.getTimerCount()).toBe(0);
    const end = iterator.next();
    await vi.advanceTimersByTimeAsync(5000);
    fake.send(text("never"));
    await expect(end).resolves.toMatchObject({ done: false });
    expect(attemptSignal.aborted).toBe(false);
  });

  it("a consumer that stops early (break: return()) closes the stream and leaves no timer", async () => {
    const fake = streamNext();
    const iterator = streamOf(timeout({ totalMs: 1000, idleMs: 100 }), fake.next);
    fake.send(text("a"));
    await iterator.next();
    expect(vi.getTimerCount()).toBe(1);
    await iterator.return?.();
    expect(fake.state.returned).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(attemptSignal.aborted).toBe(false);
  });

  it("an error from the attempt passes on unchanged and leaves no timer", async () => {
    const failure = new Error("reset");
    const mw = timeout({ totalMs: 1000 });
    const iterator = streamOf(mw, () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(failure) }) }));
    await expect(iterator.next()).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("times nothing until read, and each iteration has a clock of its own", async () => {
    const fake = streamNext();
    const mw = timeout({ firstTokenMs: 100 });
    const iterable = mw.wrapStream?.({ request, context: contextOf("stream"), next: fake.next });
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(0);
    fake.send(finish);
    await iterable?.[Symbol.asyncIterator]().next();
    expect(vi.getTimerCount()).toBe(0);
    const second = iterable?.[Symbol.asyncIterator]().next();
    expect(vi.getTimerCount()).toBe(1);
    fake.send(finish);
    await expect(second).resolves.toEqual({ done: false, value: finish });
    expect(vi.getTimerCount()).toBe(0);
  });
});
