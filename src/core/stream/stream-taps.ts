import type { StreamEvent } from "../types/stream-event.js";
import { TappedStream, type StreamTap } from "./tapped-stream.js";

/**
 * Marks a core stream that can run taps itself, on its own step, instead of being wrapped: it
 * returns `false` once it can no longer (it has been read).
 */
export const ADD_TAP: unique symbol = Symbol("proxyless.addTap");

/** A stream that may take a tap in place of a wrapper. */
export interface Tappable {
  [ADD_TAP](tap: StreamTap): boolean;
}

/**
 * `inner` watched by `tap`, with the semantics of a {@link TappedStream} around it. When `inner` is
 * an attempt's stream as core hands it to an attempt-scope middleware, not yet read, the tap runs
 * inside it and `inner` itself is returned: no layer, and no promise hop per event, is added.
 * Between two round trips every hop runs with cold caches, so a stream with an attempt's limiter
 * and timeout on it pays for two function calls per event rather than two promise hops.
 */
export function tapStream(inner: AsyncIterator<StreamEvent>, tap: StreamTap): AsyncIterator<StreamEvent> {
  return forwardTap(inner, tap) ? inner : new TappedStream(inner, tap);
}

/** Hands a tap to `inner` to run itself, when it can take one (see {@link Tappable}); whether it took it. */
export function forwardTap(inner: AsyncIterator<StreamEvent>, tap: StreamTap): boolean {
  const add = (inner as Partial<Tappable>)[ADD_TAP];
  return typeof add === "function" && add.call(inner, tap) === true;
}

/**
 * The taps one stream runs itself, in the order they were added (innermost first), as a chain of
 * {@link TappedStream}s would: each event goes through the taps from the innermost out, each pull
 * from the outermost in; a tap that throws ends the stream with its error, which the taps outside
 * it see as the stream's error, and every tap ends once.
 */
export class TapChain {
  readonly #taps: StreamTap[] = [];
  #ended = false;

  add(tap: StreamTap): void {
    this.#taps.push(tap);
  }

  /** The consumer asks for the next event. @throws what a tap's `pull` threw; the chain has ended then. */
  pull(): void {
    if (this.#ended) return;
    const taps = this.#taps;
    for (let i = taps.length - 1; i >= 0; i--) {
      const pull = taps[i]?.pull;
      if (!pull) continue;
      try {
        pull();
      } catch (error) {
        this.#failFrom(i, error);
        throw error;
      }
    }
  }

  /** An event on its way out. @throws what a tap's `event` threw; the chain has ended then. */
  event(event: StreamEvent): StreamEvent {
    if (this.#ended) return event;
    const taps = this.#taps;
    let value = event;
    for (let i = 0; i < taps.length; i++) {
      const tap = taps[i]?.event;
      if (!tap) continue;
      try {
        value = tap(value);
      } catch (error) {
        this.#failFrom(i, error);
        throw error;
      }
    }
    return value;
  }

  /** The stream failed with `error`: each tap is told, and ends, from the innermost out. */
  error(error: unknown): void {
    this.#failFrom(-1, error);
  }

  /** However the stream ended; once. @throws the first error a tap's `end` threw, once every tap has ended. */
  end(): void {
    this.#failFrom(Number.POSITIVE_INFINITY, undefined);
  }

  /**
   * Tap `i` threw: it and those inside it end, and those outside it are told the error as the
   * stream's, and end. Every tap ends even when one before it throws (a limiter's permit must go
   * back); the first such error is thrown after.
   */
  #failFrom(i: number, error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const taps = this.#taps;
    let thrown: { readonly error: unknown } | undefined;
    for (let k = 0; k < taps.length; k++) {
      const tap = taps[k] as StreamTap;
      try {
        if (k > i) tap.error?.(error);
        tap.end?.();
      } catch (failure) {
        thrown ??= { error: failure };
      }
    }
    if (thrown) throw thrown.error;
  }
}
