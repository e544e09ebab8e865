import type { StreamEvent } from "../types/stream-event.js";

const DONE: IteratorResult<never> = Object.freeze({ done: true, value: undefined });

/** What opening a deferred stream gives: the stream, and its first step when the opener read it already. */
export interface OpenedStream<T = StreamEvent> {
  readonly iterator: AsyncIterator<T>;
  readonly first?: IteratorResult<T>;
}

/**
 * A stream that does some asynchronous work before it opens (waits for a permit, retries until a
 * first event) and is then the stream it opened, step for step. Hand-written rather than an async
 * generator: after the first step, `next` is the inner stream's own, with no promise hop added to
 * any event.
 */
export class DeferredStream<T = StreamEvent> implements AsyncIterator<T> {
  readonly #open: () => Promise<OpenedStream<T>>;
  #inner: AsyncIterator<T> | undefined;
  #opening: Promise<IteratorResult<T>> | undefined;
  #closed = false;

  /** @param open run at the first `next`, once; what it rejects with is that `next`'s rejection. */
  constructor(open: () => Promise<OpenedStream<T>>) {
    this.#open = open;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#inner) return this.#inner.next();
    if (this.#closed) return Promise.resolve(DONE);
    // A second `next` while opening waits its turn rather than opening again.
    if (this.#opening) return this.#opening.then(() => this.next());
    let opened: Promise<OpenedStream<T>>;
    try {
      opened = this.#open();
    } catch (error) {
      this.#closed = true;
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
      return Promise.reject(error);
    }
    // Plain callbacks rather than async ones: a promise fewer on every stream that opens.
    const opening = opened.then(
      ({ iterator, first }): Promise<IteratorResult<T>> | IteratorResult<T> => {
        this.#opening = undefined;
        // Closed while it opened: the stream it opened is closed too, and nothing of it goes out.
        if (this.#closed) return Promise.resolve(iterator.return?.()).then(() => DONE);
        this.#inner = iterator;
        return first ?? iterator.next();
      },
      (error: unknown) => {
        this.#opening = undefined;
        this.#closed = true;
        throw error;
      },
    );
    this.#opening = opening;
    return opening;
  }

  /** The consumer stopped: the stream it opened is closed; one still opening is closed once it opens. */
  async return(value?: unknown): Promise<IteratorResult<T>> {
    this.#closed = true;
    const inner = this.#inner;
    this.#inner = undefined;
    if (inner) return (await inner.return?.(value)) ?? DONE;
    return DONE;
  }
}

/**
 * The stream `open` makes from what `ready` gives: made at once when that is not a promise (no
 * layer is added, and the stream is `open`'s own), otherwise a {@link DeferredStream} that makes it
 * once the promise resolves. What `ready` throws, or the promise rejects with, is the first
 * `next`'s rejection, as it would be for a stream that opens lazily.
 */
export function openWhenReady<R, T = StreamEvent>(ready: () => R | Promise<R>, open: (value: R) => AsyncIterator<T>): AsyncIterator<T> {
  let value: R | Promise<R>;
  try {
    value = ready();
  } catch (error) {
    return failedStream(error);
  }
  if (!(value instanceof Promise)) return open(value);
  return new DeferredStream<T>(() => value.then((resolved) => ({ iterator: open(resolved) })));
}

/** A stream whose first `next` rejects with `error`, and is done after: a stream that failed to open. */
export function failedStream<T = StreamEvent>(error: unknown): AsyncIterator<T> {
  let thrown = false;
  return {
    next(): Promise<IteratorResult<T>> {
      if (thrown) return Promise.resolve(DONE);
      thrown = true;
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
      return Promise.reject(error);
    },
    return: (): Promise<IteratorResult<T>> => {
      thrown = true;
      return Promise.resolve(DONE);
    },
  };
}
