import { AbortError } from "../errors/abort-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import { finalizeResponse } from "../response/finalize-response.js";
import { StreamAccumulator } from "../stream/stream-accumulator.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { AttemptRecord, ChatResponse } from "../types/chat-response.js";
import type { MiddlewareContext } from "../types/middleware.js";
import type { ProviderAdapter, ProviderStreamPart } from "../types/provider-adapter.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { Target } from "../types/target.js";
import { toProxylessError } from "./to-proxyless-error.js";

/** Looks up what an attempt on a target needs; the key stays out of every context object. */
export interface AttemptResolver {
  adapter(provider: string): ProviderAdapter;
  apiKey(target: Target): string | undefined;
}

function targetOf(context: MiddlewareContext): Target {
  if (!context.target) throw new Error("proxyless: an attempt ran without a target (core bug)");
  return context.target;
}

function record(context: MiddlewareContext, entry: AttemptRecord): void {
  // Core owns this array (CallContext); middleware only see it read-only.
  (context.attempts as AttemptRecord[]).push(entry);
}

/** The innermost chat handler: one adapter call, recorded as one attempt. */
export function chatAttempt(resolver: AttemptResolver) {
  return async function runChatAttempt(request: ChatRequest, context: MiddlewareContext): Promise<ChatResponse> {
    const target = targetOf(context);
    const started = performance.now();
    try {
      const adapter = resolver.adapter(target.provider);
      const result = await adapter.doChat({
        request,
        model: target.model,
        apiKey: resolver.apiKey(target),
        signal: context.signal,
      });
      const response = await finalizeResponse(result, target.provider, request);
      record(context, { target, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const err = toProxylessError(error, context.signal, target.provider);
      record(context, { target, durationMs: performance.now() - started, error: err });
      throw err;
    }
  };
}

/**
 * The innermost stream handler: one adapter stream, folded into public events and recorded as
 * one attempt. A stream that ends without its `finish` part is an error, never a short answer.
 */
export function streamAttempt(resolver: AttemptResolver) {
  return function runStreamAttempt(request: ChatRequest, context: MiddlewareContext): AsyncIterable<StreamEvent> {
    return { [Symbol.asyncIterator]: () => new AttemptIterator(resolver, request, context) };
  };
}

/**
 * A hand-written iterator rather than an async generator: it sits on the path of every streamed
 * token, and each generator layer adds promise hops per event.
 */
class AttemptIterator implements AsyncIterator<StreamEvent> {
  readonly #resolver: AttemptResolver;
  readonly #request: ChatRequest;
  readonly #context: MiddlewareContext;
  readonly #target: Target;
  readonly #started = performance.now();
  readonly #acc = new StreamAccumulator();
  #parts: AsyncIterator<ProviderStreamPart> | undefined;
  /** Events already produced (tool calls completed at finish, then finish itself). */
  #queue: StreamEvent[] = [];
  #ended = false;

  constructor(resolver: AttemptResolver, request: ChatRequest, context: MiddlewareContext) {
    this.#resolver = resolver;
    this.#request = request;
    this.#context = context;
    this.#target = targetOf(context);
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ done: false, value: queued });
    if (this.#ended) return Promise.resolve({ done: true, value: undefined });
    try {
      this.#parts ??= this.#open();
      // `then` with bound handlers rather than an async function: no extra promise per event.
      return this.#parts.next().then(this.#onPart, this.#onError);
    } catch (e) {
      return Promise.reject(this.#fail(e));
    }
  }

  readonly #onPart = (step: IteratorResult<ProviderStreamPart>): Promise<IteratorResult<StreamEvent>> | IteratorResult<StreamEvent> => {
    try {
      if (step.done) throw this.#endedEarly();
      const part = step.value;
      if (part.type === "finish") return this.#finish(part).catch(this.#onError);
      const event = this.#acc.accept(part);
      // A part with nothing to show the caller (response metadata): read on.
      return event ? { done: false, value: event } : this.next();
    } catch (e) {
      throw this.#fail(e);
    }
  };

  readonly #onError = (e: unknown): never => {
    throw this.#fail(e);
  };

  /** The typed error for whatever went wrong; the attempt is recorded with it if still open. */
  #fail(e: unknown): Error {
    const error = toProxylessError(e, this.#context.signal, this.#target.provider);
    if (!this.#ended) this.#end(error);
    return error;
  }

  async #finish(part: Extract<ProviderStreamPart, { type: "finish" }>): Promise<IteratorResult<StreamEvent>> {
    const { events, result } = this.#acc.finish(part);
    const response = await finalizeResponse(result, this.#target.provider, this.#request);
    // Recorded before the finish event leaves: whoever reads the response sees this attempt.
    this.#end(undefined);
    // Let the adapter's generator run to its end (its cleanup) rather than leave it suspended;
    // anything it would yield after `finish` is a contract breach and is cut off.
    const parts = this.#parts as AsyncIterator<ProviderStreamPart>;
    if (!(await parts.next()).done) await parts.return?.();
    this.#queue = [...events, { type: "finish", response }];
    return { done: false, value: this.#queue.shift() as StreamEvent };
  }

  /** A consumer's break: the attempt ends without an error of its own, and the adapter closes its request. */
  async return(): Promise<IteratorResult<StreamEvent>> {
    this.#queue = [];
    if (!this.#ended) {
      this.#end(undefined);
      await this.#parts?.return?.();
    }
    return { done: true, value: undefined };
  }

  #open(): AsyncIterator<ProviderStreamPart> {
    const target = this.#target;
    const adapter = this.#resolver.adapter(target.provider);
    const call = { request: this.#request, model: target.model, apiKey: this.#resolver.apiKey(target), signal: this.#context.signal };
    return adapter.doStream(call)[Symbol.asyncIterator]();
  }

  #endedEarly(): Error {
    const { provider } = this.#target;
    const { signal } = this.#context;
    if (signal?.aborted) return new AbortError("The stream was aborted", { provider, cause: signal.reason });
    return new StreamInterruptedError(`The ${provider} stream ended before it finished`, { provider });
  }

  #end(error: Error | undefined): void {
    this.#ended = true;
    record(this.#context, { target: this.#target, durationMs: performance.now() - this.#started, ...(error ? { error } : {}) });
  }
}
