import { describe, expect, it } from "vitest";
import { mockProvider } from "../../testing/mock-provider.js";
import { createClientWith } from "../client.js";
import type { Middleware } from "../types/middleware.js";
import type { StreamEvent } from "../types/stream-event.js";
import { ADD_TAP, tapStream, TapChain, type Tappable } from "./stream-taps.js";
import type { StreamTap } from "./tapped-stream.js";

const text = (t: string): StreamEvent => ({ type: "text-delta", text: t });

/** A tap that writes what it is told into `log` under its name; `event` may rewrite or throw. */
function logged(name: string, log: string[], extra: { event?: (e: StreamEvent) => StreamEvent; pull?: () => void } = {}): StreamTap {
  return {
    pull: () => {
      log.push(`${name} pull`);
      extra.pull?.();
    },
    event: (e) => {
      log.push(`${name} ${e.type === "text-delta" ? e.text : e.type}`);
      return extra.event ? extra.event(e) : e;
    },
    error: (error) => log.push(`${name} error ${(error as Error).message}`),
    end: () => log.push(`${name} end`),
  };
}

/** A stream of `steps` that can take taps, as an attempt's stream does (or not, with `tappable: false`). */
function source(steps: (StreamEvent | Error)[], tappable: boolean): AsyncIterator<StreamEvent> & { closed: boolean } {
  const chain = new TapChain();
  let i = 0;
  let read = false;
  const stream = {
    closed: false as boolean,
    [ADD_TAP](tap: StreamTap): boolean {
      if (!tappable || read) return false;
      chain.add(tap);
      return true;
    },
    next(): Promise<IteratorResult<StreamEvent>> {
      read = true;
      try {
        chain.pull();
      } catch (error) {
        stream.closed = true;
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const step = steps[i++];
      if (step === undefined) {
        chain.end();
        return Promise.resolve({ done: true, value: undefined });
      }
      if (step instanceof Error) {
        chain.error(step);
        return Promise.reject(step);
      }
      try {
        return Promise.resolve({ done: false, value: chain.event(step) });
      } catch (error) {
        stream.closed = true;
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    return(): Promise<IteratorResult<StreamEvent>> {
      stream.closed = true;
      chain.end();
      return Promise.resolve({ done: true, value: undefined });
    },
  } satisfies AsyncIterator<StreamEvent> & Tappable & { closed: boolean };
  return stream;
}

/** Reads a stream to its end or its error; what came out, in order. */
async function drain(stream: AsyncIterator<StreamEvent>): Promise<string[]> {
  const out: string[] = [];
  try {
    for (let step = await stream.next(); !step.done; step = await stream.next()) out.push(step.value.type === "text-delta" ? step.value.text : step.value.type);
  } catch (error) {
    out.push(`threw ${(error as Error).message}`);
  }
  return out;
}

/** The same two taps, inner then outer, on the same steps: run inside the stream, or as wrappers around it. */
async function twoTaps(steps: (StreamEvent | Error)[], tappable: boolean, inner: Parameters<typeof logged>[2] = {}, outer: Parameters<typeof logged>[2] = {}) {
  const log: string[] = [];
  const stream = source(steps, tappable);
  const once = tapStream(stream, logged("inner", log, inner));
  const twice = tapStream(once, logged("outer", log, outer));
  const out = await drain(twice);
  return { log, out, fused: twice === stream, closed: stream.closed };
}

describe("tapStream", () => {
  it("runs a tap inside a stream that can take it, and returns that stream itself: no layer is added", async () => {
    const { fused, out, log } = await twoTaps([text("a"), text("b")], true);
    expect(fused).toBe(true);
    expect(out).toEqual(["a", "b"]);
    expect(log).toEqual(["outer pull", "inner pull", "inner a", "outer a", "outer pull", "inner pull", "inner b", "outer b", "outer pull", "inner pull", "inner end", "outer end"]);
  });

  it("wraps a stream that cannot take it, with the same order of pulls, events and ends", async () => {
    const wrapped = await twoTaps([text("a"), text("b")], false);
    const fused = await twoTaps([text("a"), text("b")], true);
    expect(wrapped.fused).toBe(false);
    expect(wrapped).toEqual({ ...fused, fused: false });
  });

  it("passes what each tap returns to the next one out", async () => {
    const upper = { event: (e: StreamEvent): StreamEvent => (e.type === "text-delta" ? text(e.text.toUpperCase()) : e) };
    for (const tappable of [true, false]) {
      const { out, log } = await twoTaps([text("a")], tappable, upper);
      expect(out).toEqual(["A"]);
      expect(log).toContain("outer A");
    }
  });

  it("a stream's error reaches every tap, inner first, then each ends once", async () => {
    for (const tappable of [true, false]) {
      const { out, log } = await twoTaps([text("a"), new Error("cut")], tappable);
      expect(out).toEqual(["a", "threw cut"]);
      expect(log.slice(-4)).toEqual(["inner error cut", "inner end", "outer error cut", "outer end"]);
    }
  });

  it("a tap that throws on an event ends the stream with its error: the taps outside see it as the stream's, the stream is closed", async () => {
    const refuse = { event: (e: StreamEvent): StreamEvent => { if (e.type === "text-delta" && e.text === "b") throw new Error("refused"); return e; } };
    const fused = await twoTaps([text("a"), text("b"), text("c")], true, refuse);
    const wrapped = await twoTaps([text("a"), text("b"), text("c")], false, refuse);
    for (const run of [fused, wrapped]) {
      expect(run.out).toEqual(["a", "threw refused"]);
      expect(run.closed).toBe(true);
      expect(run.log).toContain("outer error refused");
      expect(run.log).not.toContain("inner error refused");
      expect(run.log.filter((l) => l.endsWith(" end"))).toHaveLength(2);
    }
  });

  it("a tap whose pull throws ends the stream before the stream inside is read", async () => {
    let pulls = 0;
    const refuseSecond = { pull: (): void => { if (++pulls === 2) throw new Error("expired"); } };
    for (const tappable of [true, false]) {
      pulls = 0;
      const { out, log, closed } = await twoTaps([text("a"), text("b")], tappable, refuseSecond);
      expect(out).toEqual(["a", "threw expired"]);
      expect(closed).toBe(true);
      expect(log).not.toContain("inner b");
      expect(log).toContain("outer error expired");
    }
  });

  it("every tap ends even when one's end throws (a permit must go back); the first error is thrown after", () => {
    const log: string[] = [];
    const chain = new TapChain();
    chain.add({ end: () => { log.push("inner end"); throw new Error("inner failed"); } });
    chain.add({ end: () => void log.push("outer end") });
    expect(() => chain.end()).toThrow("inner failed");
    expect(log).toEqual(["inner end", "outer end"]);
    expect(() => chain.end()).not.toThrow();
    expect(chain.event(text("late"))).toEqual(text("late"));
  });

  it("a stream already read takes no tap: it is wrapped", async () => {
    const stream = source([text("a"), text("b")], true);
    await stream.next();
    const log: string[] = [];
    const tapped = tapStream(stream, logged("late", log));
    expect(tapped).not.toBe(stream);
    expect(await drain(tapped)).toEqual(["b"]);
    expect(log).toEqual(["late pull", "late b", "late pull", "late end"]);
  });
});

/** A client on a mock provider with two attempt-scope middleware, "outer" and "inner", each handing its attempt's stream to `watch`. */
function clientWithWatchers(watch: (name: string, inner: AsyncIterator<StreamEvent>) => AsyncIterator<StreamEvent>): ReturnType<typeof createClientWith> {
  const watcher = (name: string): Middleware => ({
    name,
    scope: "attempt",
    wrapStream: ({ request, next }) => ({ [Symbol.asyncIterator]: () => watch(name, next(request)[Symbol.asyncIterator]()) }),
  });
  return createClientWith({ providers: { mock: { adapter: mockProvider({ replies: { text: "one two" } }) } }, middleware: [watcher("outer"), watcher("inner")] }, []);
}

describe("taps on an attempt's stream", () => {
  it("two attempt-scope middleware that only watch run inside the attempt's own stream, and see every event and the end", async () => {
    const log: string[] = [];
    const same: boolean[] = [];
    const llm = clientWithWatchers((name, inner) => {
      const tapped = tapStream(inner, logged(name, log));
      same.push(tapped === inner);
      return tapped;
    });
    const response = await llm.stream({ model: "mock/m", messages: [{ role: "user", content: "Hi" }] }).final();
    expect(response.text).toBe("one two");
    expect(same).toEqual([true, true]);
    const seen = (name: string): string[] => log.filter((l) => l.startsWith(`${name} `) && !l.endsWith(" pull"));
    expect(seen("inner").at(-2)).toBe("inner finish");
    expect(seen("outer")).toEqual(seen("inner").map((l) => l.replace("inner", "outer")));
    expect(log.at(-1)).toBe("outer end");
  });

  it("a middleware that hands on the attempt's stream it got adds no layer: the one outside gets that same stream", async () => {
    const got: AsyncIterator<StreamEvent>[] = [];
    const llm = clientWithWatchers((_name, inner) => {
      got.push(inner);
      return tapStream(inner, {});
    });
    const stream = llm.stream({ model: "mock/m", messages: [{ role: "user", content: "Hi" }] });
    expect((await stream.final()).text).toBe("one two");
    expect(got).toHaveLength(2);
    expect(got[0]).toBe(got[1]);
    expect((await stream.final()).meta.attempts).toHaveLength(1);
  });
});
