import { context as otelContext, type Context } from "@opentelemetry/api";
import type { StreamEvent } from "../../core/types/stream-event.js";

const DONE: IteratorResult<StreamEvent> = Object.freeze({ done: true, value: undefined });

/** A span of a stream, as a traced stream sees it. */
export interface StreamSpan {
  /** The context made active around every read. */
  readonly context: Context;
}

/** What a traced stream tells of its span (`T`); every method is called at most once but `event`. */
export interface StreamSpans<T extends StreamSpan> {
  event(span: T, event: StreamEvent): void;
  failed(span: T, error: unknown): void;
  /** It ended without an error: after `finish`, or closed by the consumer before it (`early`). */
  closed(span: T, early: boolean): void;
}

/**
 * A stream under a span. Hand-written rather than an async generator: it sits on the path of every
 * event, where a generator layer adds promise hops. The span starts at the first read (nothing is
 * sent before), and each read runs in the span's context, so that what the SDK does for it (its
 * own spans, an HTTP instrumentation's) is the span's child. When `start` gives no span (nothing
 * is recording), the stream is its inner one, read for read.
 */
export class TracedStream<T extends StreamSpan> implements AsyncIterator<StreamEvent> {
  readonly #open: () => AsyncIterator<StreamEvent>;
  readonly #start: () => T | undefined;
  readonly #spans: StreamSpans<T>;
  #inner: AsyncIterator<StreamEvent> | undefined;
  #span: T | undefined;
  #ended = false;

  /** @param start run at the first read: starts the span, or gives `undefined` when nothing records. */
  constructor(open: () => AsyncIterator<StreamEvent>, start: () => T | undefined, spans: StreamSpans<T>) {
    this.#open = open;
    this.#start = start;
    this.#spans = spans;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#ended) return Promise.resolve(DONE);
    let step: Promise<IteratorResult<StreamEvent>>;
    try {
      if (!this.#inner) {
        this.#span = this.#start();
        this.#inner = this.#span ? otelContext.with(this.#span.context, this.#open) : this.#open();
      }
      if (!this.#span) return this.#inner.next();
      step = otelContext.with(this.#span.context, this.#read);
    } catch (error) {
      return Promise.resolve().then(() => this.#onError(error));
    }
    return step.then(this.#onStep, this.#onError);
  }

  async return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    const inner = this.#inner;
    const open = !this.#ended;
    this.#ended = true;
    try {
      return (await inner?.return?.(value)) ?? DONE;
    } finally {
      if (open && this.#span) this.#spans.closed(this.#span, true);
    }
  }

  /** One read of the inner stream, made once rather than a closure per event. */
  readonly #read = (): Promise<IteratorResult<StreamEvent>> => (this.#inner as AsyncIterator<StreamEvent>).next();

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    if (step.done) {
      if (!this.#ended) {
        this.#ended = true;
        if (this.#span) this.#spans.closed(this.#span, false);
      }
      return step;
    }
    if (this.#span) this.#spans.event(this.#span, step.value);
    return step;
  };

  readonly #onError = (error: unknown): never => {
    if (!this.#ended) {
      this.#ended = true;
      if (this.#span) this.#spans.failed(this.#span, error);
    }
    throw error;
  };
}
