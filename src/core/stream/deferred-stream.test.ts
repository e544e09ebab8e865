import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "../types/stream-event.js";
import { DeferredStream, openWhenReady, type OpenedStream } from "./deferred-stream.js";

const text = (t: string): StreamEvent => ({ type: "text-delta", text: t });

function source(events: StreamEvent[]): AsyncIterator<StreamEvent> & { closed: boolean } {
  let i = 0;
  const it = {
    closed: false,
    next: () => Promise.resolve(i < events.length ? { done: false as const, value: events[i++] as StreamEvent } : { done: true as const, value: undefined }),
    return: () => {
      it.closed = true;
      return Promise.resolve({ done: true as const, value: undefined });
    },
  };
  return it;
}

async function drain(it: AsyncIterator<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for (let step = await it.next(); !step.done; step = await it.next()) out.push(step.value);
  return out;
}

describe("DeferredStream", () => {
  it("opens once, at the first next, then is the opened stream", async () => {
    const open = vi.fn(() => Promise.resolve({ iterator: source([text("a"), text("b")]) }));
    const stream = new DeferredStream(open);
    expect(open).not.toHaveBeenCalled();
    expect(await drain(stream)).toEqual([text("a"), text("b")]);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("hands out the first step the opener read, then reads on", async () => {
    const iterator = source([text("b")]);
    const stream = new DeferredStream(() => Promise.resolve({ iterator, first: { done: false, value: text("a") } }));
    expect(await drain(stream)).toEqual([text("a"), text("b")]);
  });

  it("a second next while opening waits for the first instead of opening again", async () => {
    const open = vi.fn(() => Promise.resolve({ iterator: source([text("a"), text("b")]) }));
    const stream = new DeferredStream(open);
    const [one, two] = await Promise.all([stream.next(), stream.next()]);
    expect([one.value, two.value]).toEqual([text("a"), text("b")]);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("rejects with what opening threw or rejected with, and then is done", async () => {
    const boom = new Error("no permit");
    const thrown = new DeferredStream(() => {
      throw boom;
    });
    await expect(thrown.next()).rejects.toBe(boom);
    expect(await thrown.next()).toEqual({ done: true, value: undefined });
    const rejected = new DeferredStream(() => Promise.reject(boom));
    await expect(rejected.next()).rejects.toBe(boom);
    expect(await rejected.next()).toEqual({ done: true, value: undefined });
  });

  it("return closes the opened stream", async () => {
    const iterator = source([text("a"), text("b")]);
    const stream = new DeferredStream(() => Promise.resolve({ iterator }));
    await stream.next();
    await stream.return();
    expect(iterator.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("closed while it opens: the stream it opens is closed and nothing of it goes out", async () => {
    const iterator = source([text("a")]);
    let opened!: () => void;
    const stream = new DeferredStream(() => new Promise<OpenedStream>((resolve) => (opened = () => resolve({ iterator }))));
    const first = stream.next();
    await stream.return();
    opened();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(iterator.closed).toBe(true);
  });
});

describe("openWhenReady", () => {
  it("opens at once, and is the opened stream itself, when what it waits for is there", async () => {
    const inner = source([text("a")]);
    const stream = openWhenReady(() => 1, (n: number) => (n === 1 ? inner : source([])));
    expect(stream).toBe(inner);
    expect(await drain(stream)).toEqual([text("a")]);
  });

  it("opens once the promise resolves, at the first next", async () => {
    const open = vi.fn((n: number) => source([text(String(n))]));
    const stream = openWhenReady(() => Promise.resolve(7), open);
    expect(stream).toBeInstanceOf(DeferredStream);
    expect(await drain(stream)).toEqual([text("7")]);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("a throw from what it waits for is the first next's rejection, and nothing is opened", async () => {
    const open = vi.fn(() => source([text("a")]));
    const stream = openWhenReady(() => {
      throw new Error("refused");
    }, open);
    await expect(stream.next()).rejects.toThrow("refused");
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(open).not.toHaveBeenCalled();
  });

  it("a rejection is the first next's rejection too", async () => {
    const stream = openWhenReady(() => Promise.reject(new Error("later")), () => source([]));
    await expect(stream.next()).rejects.toThrow("later");
  });
});
