/**
 * Attempts as middleware see them, against the real SDKs and the emulator: a descriptor per
 * attempt, cancellation of one attempt alone (its connection closes, the call goes on), attempts
 * that run at the same time without colliding, and the key chosen per attempt.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, ProxylessError, TimeoutError, type AttemptInfo, type Middleware, type MiddlewareContext, type StreamEvent } from "proxyless";
import { useEmulator } from "./helpers/use-emulator.js";

const harness = useEmulator("sk-attempts-0001");
const providers = ["openai", "anthropic", "google"] as const;
const messages = [{ role: "user" as const, content: "Hello" }];

// Loads the three SDKs once: a first import takes longer than the timeouts below allow.
beforeAll(async () => {
  for (const provider of providers) await harness.llm.chat({ model: `${provider}/warm-up`, messages });
});

/** Retries a retryable error, streams only before their first event. Public types only. */
const retry: Middleware = {
  name: "retry",
  scope: "attempt",
  async wrapChat({ request, next }) {
    for (let tries = 1; ; tries++) {
      try {
        return await next(request);
      } catch (error) {
        if (tries >= 3 || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
      }
    }
  },
  async *wrapStream({ request, next }) {
    for (let tries = 1; ; tries++) {
      let started = false;
      try {
        for await (const event of next(request)) {
          started = true;
          yield event;
        }
        return;
      } catch (error) {
        if (started || tries >= 3 || !(ProxylessError.isInstance(error) && error.retryable)) throw error;
      }
    }
  },
};

/** Gives up on an attempt with no answer (no first event, for streams) within `ms`. */
function attemptTimeout(ms: number, fired: number[]): Middleware {
  const arm = (): { signal: AbortSignal; clear: () => void } => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fired.push(Date.now());
      controller.abort(new TimeoutError(`no answer within ${ms} ms`));
    }, ms);
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  };
  return {
    name: "attempt-timeout",
    scope: "attempt",
    async wrapChat({ request, next }) {
      const { signal, clear } = arm();
      try {
        return await next({ ...request, signal });
      } finally {
        clear();
      }
    },
    async *wrapStream({ request, next }) {
      const { signal, clear } = arm();
      try {
        for await (const event of next({ ...request, signal })) {
          clear();
          yield event;
        }
      } finally {
        clear();
      }
    },
  };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe.each(providers)("%s: an attempt-scope timeout", (provider) => {
  it.each(["chat", "stream"] as const)("%s: gives up on a slow attempt, its connection closes, and the call succeeds on the next", async (kind) => {
    const fired: number[] = [];
    const llm = createClient({ retry: false, providers: harness.emulator.providers("sk-attempts-0001"), middleware: [retry, attemptTimeout(60, fired)] });
    harness.emulator.script({ respond: { type: "hang" } });
    harness.emulator.script({ respond: { type: "reply", text: "second try" } });
    const request = { model: `${provider}/m`, messages };
    const res = kind === "chat" ? await llm.chat(request) : await llm.stream(request).final();

    expect(res.text).toBe("second try");
    expect(res.meta.attempts.map((a) => [a.number, a.error?.name])).toEqual([
      [1, "TimeoutError"],
      [2, undefined],
    ]);
    const [slow, fast] = harness.emulator.requests;
    await slow?.completed;
    expect(slow?.clientClosed).toBe(true);
    expect((slow?.closedAt ?? Infinity) - (fired[0] ?? 0)).toBeLessThan(100);
    expect(fast?.clientClosed).toBe(false);
  });
});

describe("attempts started at the same time", () => {
  /** Runs the request twice at once and cancels the loser: a hedge, written against the public types. */
  function hedge(scope: "request" | "attempt", models: readonly string[], seen: AttemptInfo[][]): Middleware {
    return {
      name: "hedge",
      scope,
      async wrapChat({ request, next, context }) {
        const racers = models.map(() => new AbortController());
        const runs = models.map((model, i) =>
          next({ ...request, model, signal: racers[i]?.signal }).then((response) => ({ response, i })),
        );
        const winner = await Promise.any(runs);
        racers.forEach((racer, i) => i !== winner.i && racer.abort());
        await Promise.allSettled(runs);
        seen.push(context.attempt ? [context.attempt] : []);
        return winner.response;
      },
    };
  }

  /** Notes every attempt that reaches the adapter, with the signal it had. */
  function observe(log: AttemptInfo[]): Middleware {
    return {
      name: "observe",
      scope: "attempt",
      wrapChat({ request, context, next }) {
        if (context.attempt) log.push(context.attempt);
        return next(request);
      },
    };
  }

  it("request scope: the loser is cancelled (its connection closes) and the winner's answer is returned", async () => {
    const attempts: AttemptInfo[] = [];
    const llm = createClient({
      providers: harness.emulator.providers("sk-attempts-0001"),
      middleware: [hedge("request", ["openai/slow", "anthropic/fast"], []), observe(attempts)],
    });
    harness.emulator.script({ match: (r) => r.model === "slow", respond: { type: "hang" } });
    harness.emulator.script({ match: (r) => r.model === "fast", respond: { type: "reply", text: "fast wins", latencyMs: 30 } });
    const res = await llm.chat({ model: "openai/any", messages });

    expect(res).toMatchObject({ provider: "anthropic", text: "fast wins" });
    const slow = harness.emulator.requests.find((r) => r.model === "slow");
    await slow?.completed;
    expect(slow?.clientClosed).toBe(true);
    const [first, second] = attempts;
    expect([first?.number, second?.number]).toEqual([1, 2]);
    expect(first?.id).not.toBe(second?.id);
    expect(first?.signal).not.toBe(second?.signal);
    expect(first?.signal.aborted).toBe(true);
    expect(second?.signal.aborted).toBe(false);
    expect(res.meta.attempts.map((a) => [a.target.provider, a.error?.name])).toEqual([
      ["anthropic", undefined],
      ["openai", "AbortError"],
    ]);
  });

  it("attempt scope: the second next() is a new attempt with its own signal; the loser's connection closes", async () => {
    const attempts: AttemptInfo[] = [];
    const hedgers: AttemptInfo[][] = [];
    const llm = createClient({
      providers: harness.emulator.providers("sk-attempts-0001"),
      middleware: [hedge("attempt", ["google/m", "google/m"], hedgers), observe(attempts)],
    });
    // Whichever request arrives first hangs; the other answers.
    harness.emulator.script({ respond: { type: "hang" } });
    harness.emulator.script({ respond: { type: "reply", text: "the other one" } });
    const res = await llm.chat({ model: "google/m", messages });

    expect(res.text).toBe("the other one");
    const hung = harness.emulator.requests.find((r) => r.status === undefined);
    await hung?.completed;
    expect(hung?.clientClosed).toBe(true);
    expect(attempts.map((a) => a.number).sort()).toEqual([1, 2]);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(2);
    // The hedger itself runs in attempt 1; its first next continues it, its second starts attempt 2.
    expect(hedgers[0]?.[0]?.number).toBe(1);
    expect(attempts.filter((a) => a.signal.aborted)).toHaveLength(1);
  });
});

describe("a hedge that does not wait for its loser", () => {
  it("the response lists only the attempts that finished; the loser is recorded, cancelled, when it ends", async () => {
    let context: MiddlewareContext | undefined;
    const hedge: Middleware = {
      name: "hedge",
      scope: "attempt",
      async wrapChat({ request, next, context: own }) {
        context = own;
        const racers = [new AbortController(), new AbortController()];
        const runs = racers.map((racer, i) => next({ ...request, signal: racer.signal }).then((response) => ({ response, i })));
        for (const run of runs) run.catch(() => undefined);
        const winner = await Promise.any(runs);
        racers.forEach((racer, i) => i !== winner.i && racer.abort());
        return winner.response;
      },
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(), middleware: [hedge] });
    harness.emulator.script({ respond: { type: "hang" } });
    harness.emulator.script({ respond: { type: "reply", text: "winner" } });
    const res = await llm.chat({ model: "openai/m", messages });

    expect(res.text).toBe("winner");
    expect(res.meta.attempts.map((a) => a.error?.name)).toEqual([undefined]);
    const hung = harness.emulator.requests.find((r) => r.status === undefined);
    await hung?.completed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(context?.attempts.map((a) => a.error?.name)).toEqual([undefined, "AbortError"]);
    expect(res.meta.attempts).toHaveLength(1);
  });
});

describe("the attempt descriptor", () => {
  it("has its own state, a signal that follows the call's, and a key chosen when it starts", async () => {
    const seen: { number: number; keyIndex: number; state: Map<unknown, unknown>; signal: AbortSignal; callAborted: boolean }[] = [];
    const TRIES = Symbol("tries");
    const record: Middleware = {
      name: "record",
      scope: "attempt",
      async wrapChat({ request, context, next }) {
        const attempt = context.attempt as AttemptInfo;
        attempt.state.set(TRIES, attempt.number);
        seen.push({ number: attempt.number, keyIndex: attempt.target.keyIndex, state: attempt.state, signal: attempt.signal, callAborted: context.signal.aborted });
        return next(request);
      },
    };
    const base = harness.emulator.providers();
    const llm = createClient({
      providers: { ...base, openai: { ...base.openai, apiKey: ["sk-pool-key-aaaa", "sk-pool-key-bbbb"] } },
      middleware: [retry, record],
    });
    harness.emulator.script({ respond: { type: "error", status: 500 } });
    const res = await llm.chat({ model: "openai/m", messages });

    expect(seen.map((s) => [s.number, s.keyIndex])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(harness.emulator.requests.map((r) => r.apiKeySuffix)).toEqual(["aaaa", "bbbb"]);
    expect(seen[0]?.state).not.toBe(seen[1]?.state);
    expect(seen[0]?.state.get(TRIES)).toBe(1);
    expect(seen.every((s) => s.signal instanceof AbortSignal && !s.signal.aborted && !s.callAborted)).toBe(true);
    expect(res.meta.attempts.map((a) => a.target.keyIndex)).toEqual([0, 1]);
    expect(JSON.stringify(res.meta)).not.toContain("sk-pool-key");
  });

  it("aborting the call aborts the attempt's signal and its HTTP request", async () => {
    let attemptSignal: AbortSignal | undefined;
    const grab: Middleware = {
      name: "grab",
      scope: "attempt",
      wrapChat({ request, context, next }) {
        attemptSignal = context.attempt?.signal;
        return next(request);
      },
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(), middleware: [grab] });
    harness.emulator.script({ respond: { type: "hang" } });
    const controller = new AbortController();
    const pending = llm.chat({ model: "anthropic/m", messages, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: "AbortError", retryable: false });
    expect(attemptSignal?.aborted).toBe(true);
    await harness.emulator.requests[0]?.completed;
    expect(harness.emulator.requests[0]?.clientClosed).toBe(true);
  });

  it("a signal a request-scope middleware hands on cancels the attempts it starts", async () => {
    const deadline: Middleware = {
      name: "deadline",
      wrapChat: ({ request, next }) => next({ ...request, signal: AbortSignal.timeout(50) }),
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(), middleware: [deadline] });
    harness.emulator.script({ respond: { type: "hang" } });
    await expect(llm.chat({ model: "openai/m", messages })).rejects.toMatchObject({ name: "TimeoutError", retryable: true });
    await harness.emulator.requests[0]?.completed;
    expect(harness.emulator.requests[0]?.clientClosed).toBe(true);
  });

  it("a record of finished attempts never changes under a middleware that holds it", async () => {
    const printed: string[] = [];
    const observer: Middleware = {
      name: "observer",
      scope: "attempt",
      async wrapChat({ request, context, next }) {
        const before = context.attempts;
        try {
          return await next(request);
        } finally {
          printed.push(`try ${before.length + 1} (${context.attempt?.number}), ${context.attempts.length} finished`);
        }
      },
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(), middleware: [retry, observer] });
    harness.emulator.script({ respond: { type: "error", status: 503 } });
    await llm.chat({ model: "google/m", messages });
    expect(printed).toEqual(["try 1 (1), 1 finished", "try 2 (2), 2 finished"]);
  });

  it("every context has a signal, also a chat nothing can abort", async () => {
    const signals: AbortSignal[] = [];
    const look: Middleware = {
      name: "look",
      async wrapChat({ request, context, next }) {
        signals.push(context.signal);
        return next(request);
      },
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(), middleware: [look] });
    await llm.chat({ model: "openai/m", messages });
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[0]?.aborted).toBe(false);
    const res = await collect(llm.stream({ model: "openai/m", messages }));
    expect(res.at(-1)?.type).toBe("finish");
  });
});
