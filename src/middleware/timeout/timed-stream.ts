import type { StreamEvent } from "../../core/types/stream-event.js";
import type { AttemptClock } from "./attempt-clock.js";

const DONE: IteratorResult<StreamEvent> = Object.freeze({ done: true, value: undefined });

/**
 * An attempt's stream under its clock. Hand-written rather than an async generator: it sits on the
 * path of every event, where a generator layer adds promise hops; here an event costs the one
 * `then` it takes to see it, and a clock read.
 */
export class TimedStream implements AsyncIterator<StreamEvent> {
  readonly #inner: AsyncIterator<StreamEvent>;
  readonly #signal: AbortSignal;
  readonly #clock: AttemptClock;
  #started = false;
  /** Ended, failed or closed by the consumer: nothing more is read. */
  #closed = false;

  /**
   * @param signal the signal handed on with the attempt's request, aborted by the clock's expiry
   *   with the attempt's `TimeoutError`.
   */
  constructor(inner: AsyncIterator<StreamEvent>, signal: AbortSignal, clock: AttemptClock) {
    this.#inner = inner;
    this.#signal = signal;
    this.#clock = clock;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#closed) return Promise.resolve(DONE);
    // `totalMs` ran out while the caller held the last event: the request is closed already, and
    // nothing it may still have buffered is passed on.
    if (this.#signal.aborted) return this.#expired();
    if (this.#started) this.#clock.waiting();
    else {
      this.#started = true;
      this.#clock.start();
    }
    let step: Promise<IteratorResult<StreamEvent>>;
    try {
      step = this.#inner.next();
    } catch (error) {
      this.#end();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
      return Promise.reject(error);
    }
    return step.then(this.#onStep, this.#onError);
  }

  /** The consumer stopped (a `break`, `stream.abort()`): no timer is left, and the attempt is closed. */
  async return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    if (this.#closed) return DONE;
    this.#end();
    return (await this.#inner.return?.(value)) ?? DONE;
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    if (step.done) this.#end();
    // `finish` is the attempt's last event: what follows it is the chain winding down, not the provider.
    else if (step.value.type === "finish") this.#clock.stop();
    else this.#clock.event();
    return step;
  };

  readonly #onError = (error: unknown): never => {
    this.#end();
    throw error;
  };

  #end(): void {
    this.#closed = true;
    this.#clock.stop();
  }

  async #expired(): Promise<never> {
    this.#closed = true;
    const reason: unknown = this.#signal.reason;
    try {
      await this.#inner.return?.();
    } catch {
      // The attempt failed with the timeout; an error closing it adds nothing the caller can use.
    }
    throw reason;
  }
}
