/**
 * The caller's cancellation, however it comes (`stream.abort()`, `break`, the caller's signal, a
 * deadline from `AbortSignal.timeout()`), on all three providers, chat and stream: an error that
 * says so and is never retryable, the HTTP request closed, `final()` that never hangs, and no
 * listener left on the caller's signal.
 */
import { getEventListeners } from "node:events";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, ProxylessError, type Middleware, type ProxylessError as ErrorType, type StreamEvent } from "proxyless";
import { useEmulator } from "./helpers/use-emulator.js";

const harness = useEmulator("sk-cancel-0001");
const providers = ["openai", "anthropic", "google"] as const;
const messages = [{ role: "user" as const, content: "Hello" }];
const longReply = { type: "reply", text: Array.from({ length: 60 }, (_, i) => `w${i}`).join(" "), chunkDelayMs: 10 } as const;

beforeAll(async () => {
  for (const provider of providers) await harness.llm.chat({ model: `${provider}/warm-up`, messages });
});

/** Iterates until `stopAfter` text deltas, then calls `stop`; returns the error the loop ended with. */
async function iterateThen(stream: AsyncIterable<StreamEvent>, stopAfter: number, stop: () => void): Promise<{ error: unknown; seen: number }> {
  let seen = 0;
  try {
    for await (const event of stream) {
      if (event.type === "text-delta" && ++seen === stopAfter) stop();
    }
  } catch (error) {
    return { error, seen };
  }
  return { error: undefined, seen };
}

async function closedByClient(): Promise<boolean | undefined> {
  const request = harness.emulator.requests[0];
  await request?.completed;
  return request?.clientClosed;
}

/** An attempt-scope retry that would retry anything retryable: it must see nothing to retry. */
function retryCounting(errors: ErrorType[]): Middleware {
  return {
    name: "retry",
    scope: "attempt",
    async wrapChat({ request, next }) {
      for (;;) {
        try {
          return await next(request);
        } catch (error) {
          if (ProxylessError.isInstance(error)) errors.push(error);
          if (!(ProxylessError.isInstance(error) && error.retryable) || errors.length > 2) throw error;
        }
      }
    },
    async *wrapStream({ request, next }) {
      for (;;) {
        try {
          yield* next(request);
          return;
        } catch (error) {
          if (ProxylessError.isInstance(error)) errors.push(error);
          if (!(ProxylessError.isInstance(error) && error.retryable) || errors.length > 2) throw error;
        }
      }
    },
  };
}

describe.each(providers)("%s: the caller's cancellation", (provider) => {
  const model = `${provider}/m`;

  it.each(["in the loop", "while a read is pending"] as const)("stream.abort() %s after the first events is an AbortError, not retryable, never retried", async (when) => {
    const errors: ErrorType[] = [];
    const llm = createClient({ providers: harness.emulator.providers(), middleware: [retryCounting(errors)] });
    harness.emulator.script({ respond: longReply });
    const stream = llm.stream({ model, messages });
    const { error } = await iterateThen(stream, 2, () => (when === "in the loop" ? stream.abort() : setTimeout(() => stream.abort(), 3)));
    expect(error).toMatchObject({ name: "AbortError", retryable: false });
    await expect(stream.final()).rejects.toBe(error);
    // A retry middleware sees at most the AbortError, and nothing it may retry.
    expect(errors.every((e) => e.name === "AbortError" && !e.retryable)).toBe(true);
    expect(harness.emulator.requests).toHaveLength(1);
    expect(await closedByClient()).toBe(true);
  });

  it("the caller's signal aborted mid-stream is an AbortError", async () => {
    harness.emulator.script({ respond: longReply });
    const controller = new AbortController();
    const { error } = await iterateThen(harness.llm.stream({ model, messages, signal: controller.signal }), 3, () => controller.abort());
    expect(error).toMatchObject({ name: "AbortError", retryable: false });
    expect(await closedByClient()).toBe(true);
  });

  it("break, then final(), is an AbortError at once", async () => {
    harness.emulator.script({ respond: longReply });
    const stream = harness.llm.stream({ model, messages });
    for await (const event of stream) if (event.type === "text-delta") break;
    await expect(stream.final()).rejects.toMatchObject({ name: "AbortError", retryable: false });
    expect(await closedByClient()).toBe(true);
  });

  it("a deadline from AbortSignal.timeout() is a TimeoutError that is not retryable, chat and stream", async () => {
    const errors: ErrorType[] = [];
    const llm = createClient({ providers: harness.emulator.providers(), middleware: [retryCounting(errors)] });
    harness.emulator.script({ respond: { type: "hang" } });
    await expect(llm.chat({ model, messages, signal: AbortSignal.timeout(40) })).rejects.toMatchObject({ name: "TimeoutError", retryable: false });
    harness.emulator.script({ respond: longReply });
    const { error } = await iterateThen(llm.stream({ model, messages, signal: AbortSignal.timeout(80) }), Infinity, () => undefined);
    expect(error).toMatchObject({ name: "TimeoutError", retryable: false });
    expect(errors.map((e) => [e.name, e.retryable])).toEqual([
      ["TimeoutError", false],
      ["TimeoutError", false],
    ]);
    expect(harness.emulator.requests).toHaveLength(2);
  });

  it("an aborted chat is an AbortError, not retryable, never retried", async () => {
    const errors: ErrorType[] = [];
    const llm = createClient({ providers: harness.emulator.providers(), middleware: [retryCounting(errors)] });
    harness.emulator.script({ respond: { type: "hang" } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(llm.chat({ model, messages, signal: controller.signal })).rejects.toMatchObject({ name: "AbortError", retryable: false });
    expect(errors).toHaveLength(1);
    expect(await closedByClient()).toBe(true);
  });

  it("break with a middleware holding the attempt's signal aborts it and closes the request at once, also from a pending read", async () => {
    let attemptSignal: AbortSignal | undefined;
    let attempts: readonly { error?: Error }[] = [];
    const hold: Middleware = {
      name: "hold",
      scope: "attempt",
      async *wrapStream({ request, context, next }) {
        attemptSignal = context.attempt?.signal;
        yield* next(request);
      },
    };
    const watch: Middleware = {
      name: "watch",
      async *wrapStream({ request, context, next }) {
        try {
          yield* next(request);
        } finally {
          attempts = context.attempts;
        }
      },
    };
    const llm = createClient({ providers: harness.emulator.providers(), middleware: [watch, hold] });
    harness.emulator.script({ respond: { ...longReply, chunkDelayMs: 1500 } });
    const iterator = llm.stream({ model, messages })[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next().catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await iterator.return?.();
    expect(performance.now() - started).toBeLessThan(500);
    expect(attemptSignal?.aborted).toBe(true);
    expect(await pending).toMatchObject({ name: "AbortError" });
    expect(await closedByClient()).toBe(true);
    expect(attempts.map((a) => a.error?.name)).toEqual(["AbortError"]);
  });

  it("final() after a partial manual read consumes the rest", async () => {
    harness.emulator.script({ respond: { type: "reply", text: "one two three four five" } });
    const stream = harness.llm.stream({ model, messages });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    const res = await stream.final();
    expect(res.text).toBe("one two three four five");
    expect(res.finishReason).toBe("stop");
  });

  it("final() after abort() rejects at once, also while a read is paused mid-stream", async () => {
    harness.emulator.script({ respond: { ...longReply, chunkDelayMs: 200 } });
    const stream = harness.llm.stream({ model, messages });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    stream.abort();
    const started = performance.now();
    await expect(stream.final()).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(50);
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
    expect(await closedByClient()).toBe(true);
  });

  it("a stream never read holds no listener on the caller's signal; one read leaves none behind", async () => {
    const controller = new AbortController();
    harness.llm.stream({ model, messages, signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await harness.llm.stream({ model, messages, signal: controller.signal }).final();
    await harness.llm.chat({ model, messages, signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
