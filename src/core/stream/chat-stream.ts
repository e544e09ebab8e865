import { AbortError } from "../errors/abort-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";
import { toProxylessError } from "../pipeline/to-proxyless-error.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { ChatResponseOf, ChatStream, StreamEvent } from "../types/stream-event.js";

/** Hooks the client gives a stream: how to finish the response meta and how to clean up. */
export interface ChatStreamHooks {
  /** Called with the `finish` response and the time to first content; returns the final response. */
  complete(response: ChatResponse, timeToFirstTokenMs: number | undefined): ChatResponse;
  /** Called once, however the stream ends (finish, error, break, abort). */
  end(): void;
  readonly controller: AbortController;
  readonly startedAt: number;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

type Outcome = { ok: true; response: ChatResponse } | { ok: false; error: unknown };

/**
 * The stream returned by `llm.stream()`. A hand-written iterator rather than another async
 * generator: it sits on the path of every token and adds no extra promise hop per event.
 */
export class ChatStreamImpl<T = unknown> implements ChatStream<T> {
  readonly #source: AsyncIterable<StreamEvent>;
  readonly #hooks: ChatStreamHooks;
  #started = false;
  #iterator: AsyncIterator<StreamEvent> | undefined;
  #firstContentAt: number | undefined;
  #outcome: Outcome | undefined;
  #waiters: ((outcome: Outcome) => void)[] = [];

  constructor(source: AsyncIterable<StreamEvent>, hooks: ChatStreamHooks) {
    this.#source = source;
    this.#hooks = hooks;
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent<T>> {
    if (this.#started) throw new ProxylessError("This stream is already being iterated; use final() for the response");
    this.#started = true;
    return {
      next: () => {
        if (this.#outcome) {
          // After `finish`, let the chain run to its end: middleware code after its loop (a cache
          // storing the recorded events) and the adapters' cleanup must not be left suspended.
          return this.#drain().then(() => DONE);
        }
        let pending: Promise<IteratorResult<StreamEvent>>;
        try {
          // Created inside the try: routing errors (unknown provider, missing key) surface here.
          this.#iterator ??= this.#source[Symbol.asyncIterator]();
          pending = this.#iterator.next();
        } catch (e) {
          return Promise.reject(this.#fail(e));
        }
        // `then` with bound handlers rather than an async function: no extra promise per event.
        return pending.then(this.#onStep, this.#onError) as Promise<IteratorResult<StreamEvent<T>>>;
      },
      return: async () => {
        if (this.#outcome) {
          // A `break` on the finish event itself: the answer is complete, let the chain end normally.
          await this.#drain();
        } else {
          // A `break` mid-stream: close the whole chain (the adapter aborts its HTTP request on return).
          this.#settle({ ok: false, error: new AbortError("The stream was closed before it finished") });
          this.#hooks.controller.abort();
          await this.#iterator?.return?.();
        }
        return { done: true, value: undefined };
      },
    };
  }

  async #drain(): Promise<void> {
    const iterator = this.#iterator;
    this.#iterator = undefined;
    if (!iterator) return;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      // Nothing may follow `finish`; a middleware that emits more is ignored rather than trusted.
    }
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    if (step.done) {
      this.#settle({ ok: false, error: new StreamInterruptedError("The stream ended without a finish event") });
      return step;
    }
    const event = step.value;
    if (event.type !== "finish") {
      this.#firstContentAt ??= performance.now() - this.#hooks.startedAt;
      return step;
    }
    const response = this.#hooks.complete(event.response, this.#firstContentAt);
    this.#settle({ ok: true, response });
    return { done: false, value: response === event.response ? event : { type: "finish", response } };
  };

  readonly #onError = (e: unknown): never => {
    throw this.#fail(e);
  };

  #fail(e: unknown): Error {
    const error = toProxylessError(e, this.#hooks.controller.signal);
    this.#settle({ ok: false, error });
    return error;
  }

  #settle(outcome: Outcome): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    this.#hooks.end();
    for (const resolve of this.#waiters) resolve(outcome);
    this.#waiters = [];
  }

  async final(): Promise<ChatResponseOf<T>> {
    if (!this.#started) {
      for await (const _event of this) {
        // Drained for the response; the events themselves are not needed here.
      }
    }
    const outcome = this.#outcome ?? (await new Promise<Outcome>((resolve) => this.#waiters.push(resolve)));
    if (!outcome.ok) throw outcome.error;
    return outcome.response as ChatResponseOf<T>;
  }

  abort(reason?: unknown): void {
    this.#hooks.controller.abort(reason);
  }
}
