import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../types/stream-event.js";
import { TappedStream, type StreamTap } from "./tapped-stream.js";

const text = (t: string): StreamEvent => ({ type: "text-delta", text: t });

function source(steps: (StreamEvent | Error)[]): AsyncIterator<StreamEvent> & { closed: boolean } {
  let i = 0;
  const it = {
    closed: false,
    next: (): Promise<IteratorResult<StreamEvent>> => {
      if (i >= steps.length) return Promise.resolve({ done: true, value: undefined });
      const step = steps[i++] as StreamEvent | Error;
      return step instanceof Error ? Promise.reject(step) : Promise.resolve({ done: false, value: step });
    },
    return: () => {
      it.closed = true;
      return Promise.resolve({ done: true as const, value: undefined });
    },
  };
  return it;
}

function recording(extra: Partial<StreamTap> = {}): { tap: StreamTap; log: string[] } {
  const log: string[] = [];
  return {
    log,
    tap: {
      event: (e) => {
        log.push(`event ${(e as { text: string }).text}`);
        return extra.event ? extra.event(e) : e;
      },
      error: (error) => log.push(`error ${(error as Error).message}`),
      end: () => log.push("end"),
    },
  };
}

describe("TappedStream", () => {
  it("shows each event to the tap, passes on what it returns, and ends once", async () => {
    const { tap, log } = recording({ event: (e) => ((e as { text: string }).text === "b" ? text("B") : e) });
    const stream = new TappedStream(source([text("a"), text("b")]), tap);
    const out: StreamEvent[] = [];
    for (let step = await stream.next(); !step.done; step = await stream.next()) out.push(step.value);
    expect(out).toEqual([text("a"), text("B")]);
    await stream.next();
    await stream.return();
    expect(log).toEqual(["event a", "event b", "end"]);
  });

  it("tells the tap what the stream failed with, then ends, and the consumer gets the same error", async () => {
    const { tap, log } = recording();
    const cut = new Error("cut");
    const stream = new TappedStream(source([text("a"), cut]), tap);
    await stream.next();
    await expect(stream.next()).rejects.toBe(cut);
    expect(log).toEqual(["event a", "error cut", "end"]);
  });

  it("a consumer that stops closes the inner stream and ends the tap", async () => {
    const { tap, log } = recording();
    const inner = source([text("a"), text("b")]);
    const stream = new TappedStream(inner, tap);
    await stream.next();
    await stream.return();
    expect(inner.closed).toBe(true);
    expect(log).toEqual(["event a", "end"]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("a tap that throws fails the stream with its error and closes the inner one", async () => {
    const boom = new Error("tap");
    const inner = source([text("a"), text("b")]);
    const ends: string[] = [];
    const stream = new TappedStream(inner, {
      event: () => {
        throw boom;
      },
      end: () => ends.push("end"),
    });
    await expect(stream.next()).rejects.toBe(boom);
    await Promise.resolve();
    expect(inner.closed).toBe(true);
    expect(ends).toEqual(["end"]);
  });

  it("an inner next that throws synchronously becomes a rejection", async () => {
    const boom = new Error("sync");
    const { tap, log } = recording();
    const stream = new TappedStream(
      {
        next: () => {
          throw boom;
        },
      },
      tap,
    );
    await expect(stream.next()).rejects.toBe(boom);
    expect(log).toEqual(["error sync", "end"]);
  });
});
