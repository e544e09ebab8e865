import type { StreamEvent } from "../types/stream-event.js";

const DONE: IteratorResult<StreamEvent> = Object.freeze({ done: true, value: undefined });

/** What a middleware watching a stream is told. */
export interface StreamTap {
  /**
   * The consumer asks for the next event, before the stream inside is asked. What it throws ends
   * the stream with that error: the stream inside is closed, and `end` runs.
   */
  readonly pull?: () => void;
  /** Each event on its way to the consumer; what it returns goes on in its place. */
  readonly event?: (event: StreamEvent) => StreamEvent;
  /** What the stream failed with, before it reaches the consumer. */
  readonly error?: (error: unknown) => void;
  /** Once, however the stream ends: finished, failed, or closed by the consumer. */
  readonly end?: () => void;
}

/**
 * A stream watched event by event. Hand-written rather than an async generator: it sits on the path
 * of every event, where a generator layer adds promise hops; here an event costs the one `then` it
 * takes to see it.
 */
export class TappedStream implements AsyncIterator<StreamEvent> {
  readonly #inner: AsyncIterator<StreamEvent>;
  readonly #tap: StreamTap;
  #ended = false;

  constructor(inner: AsyncIterator<StreamEvent>, tap: StreamTap) {
    this.#inner = inner;
    this.#tap = tap;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#tap.pull) {
      try {
        this.#tap.pull();
      } catch (error) {
        this.#cut();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the tap threw, as it was thrown
        return Promise.reject(error);
      }
    }
    let step: Promise<IteratorResult<StreamEvent>>;
    try {
      step = this.#inner.next();
    } catch (error) {
      return Promise.resolve().then(() => this.#onError(error));
    }
    return step.then(this.#onStep, this.#onError);
  }

  async return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    if (this.#ended) return DONE;
    try {
      return (await this.#inner.return?.(value)) ?? DONE;
    } finally {
      this.#end();
    }
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    if (step.done) {
      this.#end();
      return step;
    }
    const { event } = this.#tap;
    if (!event) return step;
    try {
      const value = event(step.value);
      return value === step.value ? step : { done: false, value };
    } catch (error) {
      this.#cut();
      throw error;
    }
  };

  /** The tap refused: the consumer gets its error, and the stream it cut short is closed, not left open. */
  #cut(): void {
    this.#end();
    void Promise.resolve(this.#inner.return?.()).catch(() => undefined);
  }

  readonly #onError = (error: unknown): never => {
    if (!this.#ended) this.#tap.error?.(error);
    this.#end();
    throw error;
  };

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#tap.end?.();
  }
}
