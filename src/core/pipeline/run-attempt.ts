import { AbortError } from "../errors/abort-error.js";
import { scrubSecrets } from "../errors/scrub-secrets.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import { finalizeResponse, type FreshResponse } from "../response/finalize-response.js";
import { DeferredStream } from "../stream/deferred-stream.js";
import { StreamAccumulator } from "../stream/stream-accumulator.js";
import { ADD_TAP, TapChain, type Tappable } from "../stream/stream-taps.js";
import type { StreamTap } from "../stream/tapped-stream.js";
import type { ChatRequest } from "../types/chat-request.js";
import { sumCosts } from "../cost/price-book.js";
import type { ChatResponse, Cost } from "../types/chat-response.js";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderStreamPart } from "../types/provider-adapter.js";
import type { Usage } from "../types/usage.js";
import type { Warning } from "../types/warning.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { Target } from "../types/target.js";
import { RECORDS_ATTEMPT, type Attempt, type RecordsAttempt } from "./attempt.js";
import type { AttemptScope } from "./call-context.js";
import type { CallState } from "./call-state.js";
import type { Stretch } from "./call-timeline.js";
import { attemptCancelled, callCancelled } from "./cancellation.js";
import { toProxylessError } from "./to-proxyless-error.js";

/** Looks up what an attempt on a target needs; the key stays out of every context object. */
export interface AttemptResolver {
  adapter(provider: string): ProviderAdapter;
  /** The key of a target: at once, or once a key function has given it. */
  apiKey(target: Target): string | undefined | Promise<string | undefined>;
  /** An attempt on the target's key starts; the returned function ends it (key rotation counts in-flight attempts). */
  beginKey(target: Target): () => void;
  /** What an attempt on the target's key ended with (a 401/403 disables it in a pool, a 429 rests it); `key` is the key it used. */
  reportKey(target: Target, error: Error, key: string | undefined): void;
  /** Every key the client holds: scrubbed from every error an attempt ends with. */
  secrets(): readonly string[];
  /**
   * What an answer cost on its target, or the warning that says it has no price; absent when the
   * client computes no cost (`prices: false`).
   */
  readonly price: ((target: Target, usage: Usage, responseModel: string | undefined) => Cost | Warning) | undefined;
}

/** An answer's cost and the warning for an unpriced one, from the resolver's verdict. */
function priceOf(resolver: AttemptResolver, target: Target, result: ProviderResult): Cost | Warning | undefined {
  return resolver.price?.(target, result.usage, result.model);
}

/**
 * The error an attempt ends with, whatever the adapter threw: the caller's cancellation is an
 * `AbortError` (or the caller's deadline, a `TimeoutError`), never retryable; an attempt a
 * middleware cancelled alone ends with that middleware's reason; anything untyped becomes a
 * `ProviderError`. Every key is scrubbed from it, at any depth, before anyone sees it.
 */
function attemptError(error: unknown, call: CallState, attempt: Attempt, resolver: AttemptResolver): Error {
  const { provider } = attempt.target;
  let typed: Error;
  if (call.aborted) {
    typed = callCancelled(call.abortSource?.reason, provider, error);
  } else {
    const cancelled = attempt.cancelledAlone();
    typed = cancelled ? attemptCancelled(cancelled.reason, provider) : toProxylessError(error, provider);
  }
  return scrubSecrets(typed, resolver.secrets());
}

function adapterCall(request: ChatRequest, attempt: Attempt, apiKey: string | undefined): AdapterCall {
  const { target } = attempt;
  attempt.dispatched = true;
  const signal = attempt.adapterSignal();
  return signal ? { request, model: target.model, apiKey, signal } : { request, model: target.model, apiKey };
}

/**
 * Fills in the call so far: the attempts finished (this one included), the time since the call
 * began, and what they cost together (or why this answer has no cost).
 */
function withCallSoFar(response: FreshResponse, call: CallState, priced: Cost | Warning | undefined): ChatResponse {
  const attempts = call.attempts;
  response.meta.attempts = attempts;
  response.meta.latencyMs = performance.now() - call.startedAt;
  if (priced === undefined) return response;
  if (!("usd" in priced)) {
    response.meta.warnings = [...response.meta.warnings, priced];
    return response;
  }
  // Mostly one attempt: its cost is the call's, no sum to make.
  const cost = attempts.length === 1 ? priced : sumCosts(attempts.flatMap((a) => (a.cost ? [a.cost] : [])));
  if (cost) (response as { cost?: Cost }).cost = cost;
  return response;
}

/** The attempt's cost, for its record: only a real cost, not the warning of a missing price. */
function costIn(priced: Cost | Warning | undefined): { cost?: Cost } {
  return priced !== undefined && "usd" in priced ? { cost: priced } : {};
}

/** The innermost chat handler: one adapter call, recorded as one attempt. */
export function callAdapterChat(resolver: AttemptResolver) {
  return async function runChatAttempt(request: ChatRequest, scope: AttemptScope): Promise<ChatResponse> {
    const { attempt, call } = scope;
    const { provider } = attempt.target;
    const started = performance.now();
    const endKey = resolver.beginKey(attempt.target);
    let apiKey: string | undefined;
    let sentAt: number | undefined;
    let answeredAt = 0;
    let priced: Cost | Warning | undefined;
    try {
      const key = resolver.apiKey(attempt.target);
      apiKey = typeof key === "object" ? await key : key;
      const adapter = resolver.adapter(provider);
      const sent = adapterCall(request, attempt, apiKey);
      sentAt = performance.now();
      const busy = call.withProvider(sentAt);
      let result: Awaited<ReturnType<ProviderAdapter["doChat"]>>;
      try {
        result = await adapter.doChat(sent);
      } finally {
        answeredAt = performance.now();
        busy.end = answeredAt;
      }
      // Priced before the answer is checked: an answer that then fails (its structured output) was still paid for.
      priced = priceOf(resolver, attempt.target, result);
      const response = await finalizeResponse(result, provider, request);
      attempt.record({
        durationMs: performance.now() - started,
        providerMs: answeredAt - sentAt,
        ...(result.headersAt !== undefined ? { headersMs: result.headersAt - sentAt } : {}),
        ...costIn(priced),
      });
      return withCallSoFar(response, call, priced);
    } catch (error) {
      const err = attemptError(error, call, attempt, resolver);
      attempt.record({ durationMs: performance.now() - started, error: err, ...(sentAt !== undefined ? { providerMs: answeredAt - sentAt } : {}), ...costIn(priced) });
      resolver.reportKey(attempt.target, err, apiKey);
      throw err;
    } finally {
      endKey();
    }
  };
}

/**
 * The innermost stream handler: one adapter stream, folded into public events and recorded as
 * one attempt. A stream that ends without its `finish` part is an error, never a short answer.
 */
export function callAdapterStream(resolver: AttemptResolver) {
  return function runStreamAttempt(request: ChatRequest, scope: AttemptScope): AsyncIterable<StreamEvent> {
    return { [Symbol.asyncIterator]: () => new AttemptIterator(resolver, request, scope) };
  };
}

/**
 * A hand-written iterator rather than an async generator: it sits on the path of every streamed
 * token, and each generator layer adds promise hops per event. The attempt-scope middleware that
 * only watch the stream run as taps on its own steps ({@link tapStream}), not as layers around it.
 */
class AttemptIterator implements AsyncIterator<StreamEvent>, Tappable, RecordsAttempt {
  readonly #resolver: AttemptResolver;
  readonly #request: ChatRequest;
  readonly #scope: AttemptScope;
  readonly #started = performance.now();
  readonly #acc = new StreamAccumulator();
  #parts: AsyncIterator<ProviderStreamPart> | undefined;
  /** Events already produced (tool calls completed at finish, then finish itself). */
  #queue: StreamEvent[] = [];
  #ended = false;
  #endKey: (() => void) | undefined;
  /** The key this attempt used, once known: what a rejection is reported against. */
  #apiKey: string | undefined;
  /** `performance.now()` when the SDK was called, when the response's headers came, when its first event came. */
  #sentAt: number | undefined;
  #headersAt: number | undefined;
  #firstAt: number | undefined;
  /** The provider's time so far: the pulls of parts, not what the consumer takes between them. */
  #providerMs = 0;
  /** The pull in flight, as a stretch of the call's time with the provider. */
  #busy: Stretch | undefined;
  #pulledAt = 0;
  /** The answer's cost (or why it has none), once its `finish` part came. */
  #priced: Cost | Warning | undefined;
  /** What the attempt-scope middleware watching it run on each step; set before it is read. */
  #taps: TapChain | undefined;
  #read = false;

  constructor(resolver: AttemptResolver, request: ChatRequest, scope: AttemptScope) {
    this.#resolver = resolver;
    this.#request = request;
    this.#scope = scope;
  }

  /** It records its attempt however it ends: on its error, its finish, or a `return()` (closed before it finished). */
  get [RECORDS_ATTEMPT](): Attempt {
    return this.#scope.attempt;
  }

  [ADD_TAP](tap: StreamTap): boolean {
    if (this.#read) return false;
    (this.#taps ??= new TapChain()).add(tap);
    return true;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    this.#read = true;
    const taps = this.#taps;
    if (taps) {
      try {
        taps.pull();
      } catch (error) {
        return this.#tapRefused(error);
      }
    }
    return this.#step();
  }

  /** One step for the consumer's pull: a part that makes no event is followed by the next, for the same pull. */
  #step(): Promise<IteratorResult<StreamEvent>> {
    const queued = this.#queue.shift();
    // Only at the end of a stream (what `finish` released, then done): a closure here costs nothing per event.
    if (queued) return stepOf(() => this.#emit(queued));
    if (this.#ended) {
      return stepOf(() => {
        this.#taps?.end();
        return { done: true, value: undefined };
      });
    }
    try {
      this.#parts ??= this.#open();
      this.#pulledAt = performance.now();
      this.#busy = this.#scope.call.withProvider(this.#pulledAt);
      // `then` with bound handlers rather than an async function: no extra promise per event.
      return this.#parts.next().then(this.#onPart, this.#onError);
    } catch (e) {
      return Promise.reject(this.#fail(e));
    }
  }

  /** A pull answered (a part, an end, an error): the provider's stretch ends here. */
  #answered(): void {
    const busy = this.#busy;
    if (!busy) return;
    this.#busy = undefined;
    const now = performance.now();
    busy.end = now;
    this.#providerMs += now - this.#pulledAt;
  }

  readonly #onPart = (step: IteratorResult<ProviderStreamPart>): Promise<IteratorResult<StreamEvent>> | IteratorResult<StreamEvent> => {
    this.#answered();
    let event: StreamEvent | undefined;
    try {
      if (step.done) throw new StreamInterruptedError(`The ${this.#provider} stream ended before it finished`, { provider: this.#provider });
      const part = step.value;
      if (part.type === "finish") return this.#finish(part).then(this.#emitQueued, this.#onError);
      // Adapters send the response's metadata as soon as its headers are in.
      if (part.type === "response-metadata") this.#headersAt ??= performance.now();
      event = this.#acc.accept(part);
      if (!event) return this.#step();
      this.#firstAt ??= performance.now();
    } catch (e) {
      throw this.#fail(e);
    }
    return this.#emit(event);
  };

  /** An event on its way out, through the taps. @throws what a tap threw; the attempt is closed then. */
  #emit(event: StreamEvent): IteratorResult<StreamEvent> {
    const taps = this.#taps;
    if (!taps) return { done: false, value: event };
    try {
      return { done: false, value: taps.event(event) };
    } catch (error) {
      this.#queue = [];
      this.#closeFor(error);
      throw error;
    }
  }

  readonly #emitQueued = (): IteratorResult<StreamEvent> => this.#emit(this.#queue.shift() as StreamEvent);

  /** A tap's `pull` refused (a timeout that ran out while the consumer held the last event). */
  #tapRefused(error: unknown): Promise<never> {
    this.#queue = [];
    this.#closeFor(error);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the tap threw, as it was thrown
    return Promise.reject(error);
  }

  /** A tap ended the attempt with its error: it is recorded with it (as core types and scrubs any), and its request is closed. */
  #closeFor(error: unknown): void {
    if (this.#ended) return;
    this.#end(attemptError(error, this.#scope.call, this.#scope.attempt, this.#resolver));
    void Promise.resolve(this.#parts?.return?.()).catch(() => undefined);
  }

  readonly #onError = (e: unknown): never => {
    this.#answered();
    throw this.#fail(e);
  };

  get #provider(): string {
    return this.#scope.attempt.target.provider;
  }

  /** The typed error for whatever went wrong; the attempt is recorded with it if still open. */
  #fail(e: unknown): Error {
    const error = attemptError(e, this.#scope.call, this.#scope.attempt, this.#resolver);
    if (!this.#ended) {
      this.#end(error);
      this.#resolver.reportKey(this.#scope.attempt.target, error, this.#apiKey);
    }
    try {
      this.#taps?.error(error);
    } catch {
      // The stream's own error is what the consumer gets; a tap that fails on hearing it adds nothing.
    }
    return error;
  }

  async #finish(part: Extract<ProviderStreamPart, { type: "finish" }>): Promise<void> {
    const { events, result } = this.#acc.finish(part);
    this.#priced = priceOf(this.#resolver, this.#scope.attempt.target, result);
    const response = await finalizeResponse(result, this.#provider, this.#request);
    // Recorded before the finish event leaves: whoever reads the response sees this attempt.
    this.#end(undefined);
    // Let the adapter's generator run to its end (its cleanup) rather than leave it suspended;
    // anything it would yield after `finish` is a contract breach and is cut off.
    const parts = this.#parts as AsyncIterator<ProviderStreamPart>;
    if (!(await parts.next()).done) await parts.return?.();
    this.#queue = [...events, { type: "finish", response: withCallSoFar(response, this.#scope.call, this.#priced) }];
  }

  /**
   * Closed before it finished (a consumer's break, the loser of a hedge): the adapter closes its
   * request, and the attempt is recorded as cancelled, never as a success.
   */
  async return(): Promise<IteratorResult<StreamEvent>> {
    this.#read = true;
    this.#queue = [];
    try {
      if (!this.#ended) {
        this.#end(attemptError(new AbortError("The stream was closed before it finished"), this.#scope.call, this.#scope.attempt, this.#resolver));
        await this.#parts?.return?.();
      }
    } finally {
      this.#taps?.end();
    }
    return { done: true, value: undefined };
  }

  #open(): AsyncIterator<ProviderStreamPart> {
    const { attempt } = this.#scope;
    this.#endKey = this.#resolver.beginKey(attempt.target);
    const adapter = this.#resolver.adapter(attempt.target.provider);
    const key = this.#resolver.apiKey(attempt.target);
    if (typeof key !== "object") {
      this.#apiKey = key;
      const call = adapterCall(this.#request, attempt, key);
      this.#sentAt = performance.now();
      return adapter.doStream(call)[Symbol.asyncIterator]();
    }
    // A key function still fetching: the request starts once it has given the key.
    return new DeferredStream<ProviderStreamPart>(async () => {
      this.#apiKey = await key;
      const call = adapterCall(this.#request, attempt, this.#apiKey);
      this.#sentAt = performance.now();
      return { iterator: adapter.doStream(call)[Symbol.asyncIterator]() };
    });
  }

  #end(error: Error | undefined): void {
    this.#ended = true;
    this.#endKey?.();
    const now = performance.now();
    const sentAt = this.#sentAt;
    const timing: { providerMs?: number; headersMs?: number; firstTokenMs?: number } = {};
    if (sentAt !== undefined) {
      // A pull still in flight (closed before it answered) was with the provider until now.
      this.#answered();
      timing.providerMs = this.#providerMs;
      if (this.#headersAt !== undefined) timing.headersMs = this.#headersAt - sentAt;
      if (this.#firstAt !== undefined) timing.firstTokenMs = this.#firstAt - sentAt;
    }
    this.#scope.attempt.record({ durationMs: now - this.#started, ...timing, ...costIn(this.#priced), ...(error ? { error } : {}) });
  }
}

/** What `step` gives, or what a tap in it threw, as the promise `next()` returns. */
function stepOf(step: () => IteratorResult<StreamEvent>): Promise<IteratorResult<StreamEvent>> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a tap threw, as it was thrown
    return Promise.reject(error);
  }
}
