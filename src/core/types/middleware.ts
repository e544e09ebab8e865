import type { ChatRequest } from "./chat-request.js";
import type { AttemptRecord, CallTimings, ChatResponse, Cost } from "./chat-response.js";
import type { ClientEvent } from "./client-event.js";
import type { StreamEvent } from "./stream-event.js";
import type { Target } from "./target.js";

/**
 * One attempt of a call: one try on one target, as attempt-scope middleware see it
 * (`context.attempt`). Every attempt has its own descriptor, so attempts that run at the same
 * time (a retry racing a hedge) never share a number, a signal or state.
 */
export interface AttemptInfo {
  /** Its place in the call: 1 for the first attempt started, 2 for the next, ... */
  readonly number: number;
  /** Unique id of this attempt (also in `meta.attempts[].id`). */
  readonly id: string;
  /** Where it goes: provider, model, and the index of the key chosen when it started. */
  readonly target: Target;
  /**
   * Aborted when this attempt is cancelled: when the whole call is (the caller's `signal`,
   * `stream.abort()`, a `break`), or when a signal that a middleware handed on with the request
   * for this attempt (`next({ ...request, signal })`) aborts. Aborting it closes this attempt's
   * HTTP request only; the call can go on with another attempt.
   *
   * Created when first read: a middleware that only needs it while waiting should read it then.
   */
  readonly signal: AbortSignal;
  /**
   * Makes this attempt cancellable on its own, and returns what cancels it: called with a reason,
   * it aborts {@link signal} with it, the attempt's HTTP request is closed, and the attempt fails
   * as it would for a signal handed on aborting with that reason; the call can go on with another
   * attempt. Take it before `next`: from then on the adapter is handed this attempt's signal. For
   * this attempt it does what handing on a signal of one's own does (`next({ ...request, signal })`),
   * without a controller of yours, a copy of the request, or one more signal for core to link; a
   * later `next` (a retry) starts another attempt, with its own `abortable()`.
   *
   * @example
   * ```ts
   * async wrapChat({ request, context, next }) {
   *   const cancel = context.attempt!.abortable();
   *   const timer = setTimeout(() => cancel(new TimeoutError("too slow")), 5_000);
   *   try { return await next(request); } finally { clearTimeout(timer); }
   * }
   * ```
   */
  abortable(): (reason: unknown) => void;
  /**
   * Scratch space of this attempt alone (a span, a limiter reservation). Use a `Symbol` key you
   * own. For what all middleware of a call share, use `context.state`.
   */
  readonly state: Map<unknown, unknown>;
}

/**
 * What a middleware knows about the call it is part of. Core never changes what a middleware
 * already holds: `attempts` is a new array each time an attempt finishes.
 */
export interface MiddlewareContext {
  /** `chat` or `stream`. */
  readonly kind: "chat" | "stream";
  /** `request` once per call; `attempt` once per try on a target. */
  readonly scope: "request" | "attempt";
  /** Unique id of this `chat()`/`stream()` call. */
  readonly callId: string;
  /**
   * Aborted when this part of the call is cancelled: the caller's `signal`, `stream.abort()`, a
   * `break`, or a signal an outer request-scope middleware handed on with the request. In attempt
   * scope it is that same signal of the call: what cancels only this attempt (an outer attempt-scope
   * middleware's signal, a timeout) is on `attempt.signal`. A `chat` that nothing can abort has one
   * too, which never aborts. Created when first read.
   */
  readonly signal: AbortSignal;
  /** `performance.now()` when the call started. */
  readonly startedAt: number;
  /** The attempt this middleware runs in (attempt scope only). */
  readonly attempt?: AttemptInfo;
  /** The target of this attempt: `attempt.target` (attempt scope only). */
  readonly target?: Target;
  /**
   * The attempts of this call that had finished when it was read, in the order they finished.
   * The array never changes: read the property again for a later state.
   */
  readonly attempts: readonly AttemptRecord[];
  /**
   * Per-call scratch space shared by all middleware of one call (for example a cache marking a
   * hit for a tracer). Use a `Symbol` key you own. Attempts have their own: `attempt.state`.
   */
  readonly state: Map<unknown, unknown>;
  /**
   * Where a model string leads with this client's configuration (aliases resolved): the provider
   * and its model id, as an attempt would be sent now. The key is chosen per attempt, so it is not
   * part of it. A cache keys on it, so that an alias and the model it names share entries.
   *
   * An alias of a route (a fallback, a load balancer, a conditional route) gives
   * `{ provider: "route", model }`, where `model` names the alias and the targets it leads to; pass
   * the request to get those a conditional route would take for it (without it, only the alias).
   *
   * @throws ValidationError for a model string that names no alias and no known provider, or a
   *   conditional route none of whose entries matches the request.
   */
  route(model: string, request?: ChatRequest): { readonly provider: string; readonly model: string };
  /**
   * Tells the client's listeners (`llm.on(...)`) of an event. Listeners run after the current
   * step of the call, off its path: one that throws or is slow never changes what the call does.
   */
  emit(event: ClientEvent): void;
  /**
   * Whether another key of `provider`'s pool (any but the one at index `besides`) could serve now:
   * neither disabled after a 401/403 nor resting after a 429. A retry after a 429 on one key need
   * not wait for its retry-after when another key is ready.
   */
  keyReady(provider: string, besides: number): boolean;
  /**
   * Tells core how long this middleware waited: for a rate-limit permit or pause (`"queue"`),
   * between tries (`"backoff"`), on a cache store (`"cache"`). `meta.timings` shows these apart
   * from the provider's time and proxyless's own overhead.
   */
  waited(kind: "queue" | "backoff" | "cache", ms: number): void;
  /**
   * Where the call's time has gone so far (as `meta.timings`, with the latency measured to now):
   * what an observer at the end of the chain logs or records, since core completes the response's
   * own `meta.timings` only after the chain has returned.
   */
  timings(): CallTimings;
  /**
   * The most `request` could cost before it is sent: its input estimate (`estimateInputTokens`)
   * and `outputTokens` of output (default: the request's `maxTokens`, else 4096) at the price of
   * the dearest target its route may take. `undefined` when one of those targets has no price
   * (or the client has `prices: false`): a budget cannot bound what it would cost.
   */
  estimateCost(request: ChatRequest, outputTokens?: number): CostEstimate | undefined;
}

/** What `context.estimateCost` gives: the cost of the dearest target, as a `Cost`, and the token counts it assumed. */
export interface CostEstimate {
  readonly cost: Cost;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The target priced (`provider/model`). */
  readonly target: string;
}

/**
 * Calls the rest of the chain for a non-streaming call. From an attempt-scope middleware, every
 * call after the first starts a new attempt (a retry); a `signal` in the request cancels only the
 * attempt it starts or continues.
 */
export type ChatNext = (request: ChatRequest) => Promise<ChatResponse>;

/** Calls the rest of the chain for a stream. Lazy: nothing is sent until iterated. Attempts as for {@link ChatNext}. */
export type StreamNext = (request: ChatRequest) => AsyncIterable<StreamEvent>;

/**
 * A middleware: an object of optional hooks. The same object serves `chat` and `stream`.
 *
 * - `transformRequest` returns a new request for both kinds (never mutate the input).
 * - `wrapChat` / `wrapStream` sit around the rest of the chain: call `next` zero times
 *   (answer yourself: a cache hit), once (observe, transform) or several times (retry).
 *
 * `scope: "request"` (default) runs once per call, before routing; `scope: "attempt"` runs for
 * every attempt on a target, with `context.attempt` set. A request a middleware hands on is
 * validated like the caller's; an error a middleware throws reaches the caller unchanged.
 *
 * @example An observer of both chat and stream
 * ```ts
 * const logUsage: Middleware = {
 *   name: "log-usage",
 *   async wrapChat({ request, next }) {
 *     const res = await next(request);
 *     console.log(request.model, res.usage.totalTokens);
 *     return res;
 *   },
 *   async *wrapStream({ request, next }) {
 *     for await (const ev of next(request)) {
 *       if (ev.type === "finish") console.log(request.model, ev.response.usage.totalTokens);
 *       yield ev;
 *     }
 *   },
 * };
 * ```
 */
export interface Middleware {
  /** Shown in errors and traces. */
  readonly name: string;
  /** @default "request" */
  readonly scope?: "request" | "attempt";
  /**
   * A companion that runs in attempt scope, innermost (inside every other attempt-scope
   * middleware, next to the adapter), for each attempt: what a middleware that spans the whole
   * call also needs to see per attempt, whatever its place in the list (a tracer's attempt spans,
   * made active around the SDK's request). Its `scope` must be `"attempt"`. Companions run in the
   * order of the middleware that bring them.
   */
  readonly attempt?: Middleware;
  /**
   * Asked at the start of every call: `true` when this middleware has nothing to do in it (a
   * tracer with no OpenTelemetry SDK registered), so that it and its companion sit the call out
   * and core runs the chain without them. A middleware costs a call more in the seams around it
   * than in what it does; this lets one that is often idle cost a call nothing. It must be cheap,
   * never throw, and decide for the whole call.
   */
  idle?(): boolean;
  transformRequest?(args: {
    readonly request: ChatRequest;
    readonly context: MiddlewareContext;
  }): ChatRequest | Promise<ChatRequest>;
  wrapChat?(args: {
    readonly request: ChatRequest;
    readonly context: MiddlewareContext;
    readonly next: ChatNext;
  }): Promise<ChatResponse>;
  wrapStream?(args: {
    readonly request: ChatRequest;
    readonly context: MiddlewareContext;
    readonly next: StreamNext;
  }): AsyncIterable<StreamEvent>;
}
