import type { ChatRequest } from "./chat-request.js";
import type { AttemptRecord, ChatResponse } from "./chat-response.js";
import type { StreamEvent } from "./stream-event.js";
import type { Target } from "./target.js";

/**
 * What a middleware knows about the call it is part of. Never mutated by core once handed out,
 * except `attempts`, which grows as attempts finish.
 */
export interface MiddlewareContext {
  /** `chat` or `stream`. */
  readonly kind: "chat" | "stream";
  /** `request` once per call; `attempt` once per try on a target. */
  readonly scope: "request" | "attempt";
  /** Unique id of this `chat()`/`stream()` call. */
  readonly callId: string;
  /**
   * Aborted when the caller aborts, calls `stream.abort()`, or breaks out of the stream. A `chat`
   * without a caller `signal` cannot be aborted and has none: creating one per call is not free.
   */
  readonly signal?: AbortSignal;
  /** `performance.now()` when the call started. */
  readonly startedAt: number;
  /** The target of this attempt (attempt scope only). */
  readonly target?: Target;
  /** Attempts finished so far in this call. */
  readonly attempts: readonly AttemptRecord[];
  /**
   * Per-call scratch space shared by all middleware of one call (for example a cache marking a
   * hit for a tracer). Use a `Symbol` key you own.
   */
  readonly state: Map<unknown, unknown>;
}

/** Calls the rest of the chain for a non-streaming call. */
export type ChatNext = (request: ChatRequest) => Promise<ChatResponse>;

/** Calls the rest of the chain for a stream. Lazy: nothing is sent until iterated. */
export type StreamNext = (request: ChatRequest) => AsyncIterable<StreamEvent>;

/**
 * A middleware: an object of optional hooks. The same object serves `chat` and `stream`.
 *
 * - `transformRequest` returns a new request for both kinds (never mutate the input).
 * - `wrapChat` / `wrapStream` sit around the rest of the chain: call `next` zero times
 *   (answer yourself: a cache hit), once (observe, transform) or several times (retry).
 *
 * `scope: "request"` (default) runs once per call, before routing; `scope: "attempt"` runs for
 * every attempt on a target, with `context.target` set.
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
