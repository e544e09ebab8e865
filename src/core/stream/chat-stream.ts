import { AbortError } from "../errors/abort-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import type { CallState } from "../pipeline/call-state.js";
import { callCancelled } from "../pipeline/cancellation.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { ChatResponseOf, ChatStream, StreamEvent } from "../types/stream-event.js";

/** What the client gives a stream: its call, its controller, and how to finish the response meta. */
export interface ChatStreamHooks {
  /** Called with the `finish` response and the time to first content; returns the final response. */
  complete(response: ChatResponse, timeToFirstTokenMs: number | undefined): ChatResponse;
  /** Called once when the stream ends with an error for its consumer (not when the consumer stops it). */
  failed?(error: unknown): void;
  /** Aborts the whole call: every attempt's HTTP request. */
  readonly controller: AbortController;
  /** The caller's `signal`, followed from the first read on (never before: a stream never read holds no listener). */
  readonly callerSignal: AbortSignal | undefined;
  readonly call: CallState;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

type Outcome = { readonly ok: true; readonly response: ChatResponse } | { readonly ok: false; readonly error: unknown };

function noop(): void {}

/**
 * The stream returned by `llm.stream()`. A hand-written iterator rather than another async
 * generator: it sits on the path of every token and adds no extra promise hop per event.
 *
 * Every way it can end has one outcome, settled once: the `finish` response; the chain's error
 * (as thrown: a middleware's own error reaches the caller unchanged); `StreamInterruptedError`
 * when the chain ends without `finish`; the caller's cancellation (`abort()`, the caller's
 * signal, a `break`), settled at once, whatever the chain is still doing.
 */
export class ChatStreamImpl<T = unknown> implements ChatStream<T> {
  readonly #source: AsyncIterable<StreamEvent>;
  readonly #hooks: ChatStreamHooks;
  #iterating = false;
  #linked = false;
  #unlink: (() => void) | undefined;
  #iterator: AsyncIterator<StreamEvent> | undefined;
  /** The pull in flight, if any: `final()` waits for it rather than pull beside it. */
  #pending: Promise<IteratorResult<StreamEvent>> | undefined;
  #firstContentAt: number | undefined;
  #outcome: Outcome | undefined;
  #errorDelivered = false;
  /** Resolves every `final()` the moment the stream settles, even while a read is stuck in a middleware. */
  #settled: Promise<void> | undefined;
  #onSettled: (() => void) | undefined;

  constructor(source: AsyncIterable<StreamEvent>, hooks: ChatStreamHooks) {
    this.#source = source;
    this.#hooks = hooks;
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent<T>> {
    if (this.#iterating) throw new ProxylessError("This stream is already being iterated; use final() for the response");
    this.#iterating = true;
    return {
      next: () => this.#next() as Promise<IteratorResult<StreamEvent<T>>>,
      return: () => this.#return(),
    };
  }

  #next(): Promise<IteratorResult<StreamEvent>> {
    this.#follow();
    const outcome = this.#outcome;
    if (outcome) {
      // After `finish`, let the chain run to its end: middleware code after its loop (a cache
      // storing the recorded events) and the adapters' cleanup must not be left suspended.
      if (outcome.ok) return this.#drain().then(() => DONE);
      if (this.#errorDelivered) return Promise.resolve(DONE);
      this.#errorDelivered = true;
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
      return Promise.reject(outcome.error);
    }
    let pending: Promise<IteratorResult<StreamEvent>>;
    try {
      // Created inside the try: routing errors (unknown provider, missing key) surface here.
      this.#iterator ??= this.#source[Symbol.asyncIterator]();
      // `then` with bound handlers rather than an async function: no extra promise per event.
      pending = this.#iterator.next().then(this.#onStep, this.#onError);
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
      return Promise.reject(this.#fail(e));
    }
    this.#pending = pending;
    return pending;
  }

  /** A `break` (or `return()`): on `finish` the chain ends normally; before it, the call is cancelled. */
  async #return(): Promise<IteratorResult<StreamEvent<T>>> {
    if (this.#outcome?.ok) {
      await this.#drain();
    } else {
      // Aborted before settling: settling lets go of what the attempts follow.
      this.#hooks.call.abort();
      // The consumer stopped: no error reaches it, so none is told (`failed` is for errors it gets).
      this.#settle({ ok: false, error: new AbortError("The stream was closed before it finished") }, false);
      // Closes the whole chain: the adapter aborts its HTTP request on return. Awaited, so that
      // every middleware's `finally` has run, unless a read is in flight: a return would wait
      // behind it, and the caller asked to stop now.
      const closing = this.#close();
      if (!this.#pending) await closing;
    }
    return DONE;
  }

  /** Closes the chain once, after the read in flight if there is one; what that throws is of no use now. */
  #close(): Promise<void> {
    const iterator = this.#iterator;
    this.#iterator = undefined;
    if (!iterator) return Promise.resolve();
    const close = (): Promise<void> => Promise.resolve(iterator.return?.()).then(noop, noop);
    return this.#pending ? this.#pending.then(close, close) : close();
  }

  /**
   * Runs the chain to its end after `finish`. The outcome is settled by then: an error a middleware
   * raises afterwards (a cache failing to store) cannot change the answer the caller already has,
   * and is the middleware's to handle, so it is not thrown here.
   */
  async #drain(): Promise<void> {
    const iterator = this.#iterator;
    this.#iterator = undefined;
    if (!iterator) return;
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        // Nothing may follow `finish`; a middleware that emits more is ignored rather than trusted.
      }
    } catch {
      // See above: the answer stands.
    }
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    this.#pending = undefined;
    if (step.done) throw this.#fail(new StreamInterruptedError("The stream ended without a finish event"));
    // Cancelled while this event was on its way: the caller gets the cancellation, not more output.
    if (this.#outcome && !this.#outcome.ok) throw this.#fail(undefined);
    const event = step.value;
    if (event.type !== "finish") {
      this.#firstContentAt ??= performance.now() - this.#hooks.call.startedAt;
      return step;
    }
    if (this.#outcome) return step;
    const response = this.#hooks.complete(event.response, this.#firstContentAt);
    this.#settle({ ok: true, response });
    return response === event.response ? step : { done: false, value: { type: "finish", response } };
  };

  readonly #onError = (e: unknown): never => {
    this.#pending = undefined;
    throw this.#fail(e);
  };

  /** Settles with `error` unless already settled; returns the outcome's error, delivered now. */
  #fail(error: unknown): unknown {
    this.#settle({ ok: false, error });
    this.#errorDelivered = true;
    const outcome = this.#outcome as Outcome;
    return outcome.ok ? error : outcome.error;
  }

  #settle(outcome: Outcome, tell = true): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    if (!outcome.ok && tell) this.#hooks.failed?.(outcome.error);
    this.#unlink?.();
    this.#hooks.call.dispose();
    this.#onSettled?.();
  }

  /** Follows the caller's signal, from the first read on. */
  #follow(): void {
    if (this.#linked) return;
    this.#linked = true;
    const caller = this.#hooks.callerSignal;
    if (!caller || this.#outcome) return;
    if (caller.aborted) return this.abort(caller.reason);
    const onAbort = (): void => this.abort(caller.reason);
    caller.addEventListener("abort", onAbort, { once: true });
    this.#unlink = () => caller.removeEventListener("abort", onAbort);
  }

  async final(): Promise<ChatResponseOf<T>> {
    this.#iterating = true;
    // Pulls whatever is left, however much was read before: after a partial read, the rest. A
    // read still in flight when the stream settles (`abort()`) is not waited for.
    const settled = this.#outcome ? undefined : (this.#settled ??= new Promise<void>((resolve) => (this.#onSettled = resolve)));
    while (!this.#outcome) {
      const pulling = this.#pending ?? this.#next();
      await Promise.race([pulling.catch(noop), settled]);
    }
    const outcome = this.#outcome;
    if (!outcome.ok) throw outcome.error;
    await this.#drain();
    return outcome.response as ChatResponseOf<T>;
  }

  abort(reason?: unknown): void {
    const { controller } = this.#hooks;
    this.#hooks.call.abort(reason);
    if (this.#outcome) return;
    this.#settle({ ok: false, error: callCancelled(controller.signal.reason) });
    // Close the chain so that every middleware's `finally` runs; after the pull in flight, if any.
    void this.#close();
  }
}
