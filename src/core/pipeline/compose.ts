import { AbortError } from "../errors/abort-error.js";
import { validateRequest } from "../schema/validate-request.js";
import { failedStream } from "../stream/deferred-stream.js";
import { ADD_TAP, forwardTap, type Tappable } from "../stream/stream-taps.js";
import type { StreamTap } from "../stream/tapped-stream.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { ChatNext, Middleware } from "../types/middleware.js";
import type { StreamEvent } from "../types/stream-event.js";
import { RECORDS_ATTEMPT, recordsAttempt, type Attempt, type RecordsAttempt } from "./attempt.js";
import type { AttemptScope, RequestScope } from "./call-context.js";

export type ChatHandler<C> = (request: ChatRequest, context: C) => Promise<ChatResponse>;
export type StreamHandler<C> = (request: ChatRequest, context: C) => AsyncIterable<StreamEvent>;

/**
 * Folds request-scope middleware around a handler, once, when the client is created: the first
 * middleware in the list sees the request first and the response last. What a middleware hands
 * on is validated like the caller's request, and a signal it hands on cancels the rest of the
 * chain (together with every signal already in force: a middleware can add one, never drop one).
 */
export function composeRequestChat(middleware: readonly Middleware[], terminal: ChatHandler<RequestScope>): ChatHandler<RequestScope> {
  return middleware.reduceRight<ChatHandler<RequestScope>>((next, mw) => {
    if (!mw.wrapChat && !mw.transformRequest) return next;
    const wrap = (req: ChatRequest, ctx: RequestScope): Promise<ChatResponse> => {
      if (!mw.wrapChat) return next(req, ctx);
      const onward: ChatNext = (r) => {
        try {
          return next(handedOn(mw, req, r), following(ctx, r, req));
        } catch (error) {
          return rejected(error);
        }
      };
      return wrapChat(mw, { request: req, context: ctx, next: onward });
    };
    if (!mw.transformRequest) return wrap;
    return async function transformLayer(request, context) {
      const req = handedOn(mw, request, await (mw.transformRequest as NonNullable<Middleware["transformRequest"]>)({ request, context }));
      return wrap(req, following(context, req, request));
    };
  }, terminal);
}

/** The stream counterpart of {@link composeRequestChat}. Every layer stays lazy until iterated. */
export function composeRequestStream(middleware: readonly Middleware[], terminal: StreamHandler<RequestScope>): StreamHandler<RequestScope> {
  return middleware.reduceRight<StreamHandler<RequestScope>>((next, mw) => {
    if (!mw.wrapStream && !mw.transformRequest) return next;
    const wrap = (request: ChatRequest, context: RequestScope): AsyncIterable<StreamEvent> =>
      mw.wrapStream
        ? mw.wrapStream({ request, context, next: (r) => lazily(() => next(handedOn(mw, request, r), following(context, r, request))) })
        : next(request, context);
    if (!mw.transformRequest) return wrap;
    return async function* transformLayer(request, context) {
      const req = handedOn(mw, request, await (mw.transformRequest as NonNullable<Middleware["transformRequest"]>)({ request, context }));
      yield* wrap(req, following(context, req, request));
    };
  }, terminal);
}

/**
 * Folds attempt-scope middleware around the adapter call. A layer's first `next` continues the
 * attempt it runs in; every later one starts a new attempt on the same target (a retry), with its
 * own number, key and signal, which the layers below see as `context.attempt`.
 */
export function composeAttemptChat(middleware: readonly Middleware[], terminal: ChatHandler<AttemptScope>): ChatHandler<AttemptScope> {
  return middleware.reduceRight<ChatHandler<AttemptScope>>((next, mw) => {
    if (!mw.wrapChat && !mw.transformRequest) return next;
    const wrap = (req: ChatRequest, context: AttemptScope): Promise<ChatResponse> => {
      if (!mw.wrapChat) return next(req, context);
      const sources = context.attempt.sources;
      let calls = 0;
      const onward: ChatNext = (r) => {
        try {
          const checked = handedOn(mw, req, r);
          // Wrapped either way: an attempt the layers below end before the adapter (a breaker) is
          // recorded when they do, so that this middleware already sees it in `context.attempts`.
          if (calls++ === 0) return runAttemptChat(next, checked, follow(context, r, req));
          return runAttemptChat(next, checked, context.retry(withSignal(sources, r, req)));
        } catch (error) {
          return rejected(error);
        }
      };
      return wrapChat(mw, { request: req, context, next: onward });
    };
    if (!mw.transformRequest) return wrap;
    return async function transformLayer(request, context) {
      const req = handedOn(mw, request, await (mw.transformRequest as NonNullable<Middleware["transformRequest"]>)({ request, context }));
      return wrap(req, follow(context, req, request));
    };
  }, terminal);
}

/** The stream counterpart of {@link composeAttemptChat}. */
export function composeAttemptStream(middleware: readonly Middleware[], terminal: StreamHandler<AttemptScope>): StreamHandler<AttemptScope> {
  return middleware.reduceRight<StreamHandler<AttemptScope>>((next, mw) => {
    if (!mw.wrapStream && !mw.transformRequest) return next;
    const wrap = (request: ChatRequest, context: AttemptScope): AsyncIterable<StreamEvent> => {
      if (!mw.wrapStream) return next(request, context);
      const sources = context.attempt.sources;
      let calls = 0;
      return mw.wrapStream({
        request,
        context,
        next: (r) =>
          lazily(() => {
            const checked = handedOn(mw, request, r);
            if (calls++ === 0) {
              const same = follow(context, r, request);
              return runAttemptStream(next, checked, () => same);
            }
            return runAttemptStream(next, checked, () => context.retry(withSignal(sources, r, request)));
          }),
      });
    };
    if (!mw.transformRequest) return wrap;
    return async function* transformLayer(request, context) {
      const req = handedOn(mw, request, await (mw.transformRequest as NonNullable<Middleware["transformRequest"]>)({ request, context }));
      yield* wrap(req, follow(context, req, request));
    };
  }, terminal);
}

/**
 * Runs one attempt through the attempt-scope chain and records it when it ends, if it never
 * reached the adapter (a breaker or a limiter ended it before anything was sent, or a middleware
 * answered itself). Once the adapter is called, the adapter call records it when it ends: a hedge's
 * loser still running when the middleware has returned is recorded then, with its own outcome.
 */
export function runAttemptChat(handler: ChatHandler<AttemptScope>, request: ChatRequest, scope: AttemptScope): Promise<ChatResponse> {
  const { attempt } = scope;
  return handler(request, scope).then(
    (response) => {
      attempt.endedBeforeAdapter();
      return response;
    },
    (error: unknown) => {
      attempt.endedBeforeAdapter(error);
      throw error;
    },
  );
}

/** The stream counterpart of {@link runAttemptChat}; the attempt starts when the stream is read. */
export function runAttemptStream(handler: StreamHandler<AttemptScope>, request: ChatRequest, start: () => AttemptScope): AsyncIterable<StreamEvent> {
  return {
    [Symbol.asyncIterator]: () => {
      const scope = start();
      const inner = handler(request, scope)[Symbol.asyncIterator]();
      // This attempt's own stream, as the layer below got it (a middleware that only watches it):
      // it records the attempt itself, and a layer here would only add a call per event.
      return recordsAttempt(inner, scope.attempt) ? inner : new RecordedAttemptStream(scope.attempt, inner);
    },
  };
}

/**
 * One attempt's stream as the layer above gets it: recorded when it ends, until the adapter has
 * the attempt (which records it from then on, and then the events pass straight through). A class
 * rather than a literal: `ADD_TAP` is on its prototype, so a middleware that spreads the stream it
 * got (`{ ...inner, next }`) does not copy it and have taps meant for its own output run below it.
 */
class RecordedAttemptStream implements AsyncIterator<StreamEvent>, Tappable, RecordsAttempt {
  readonly #attempt: AttemptScope["attempt"];
  readonly #inner: AsyncIterator<StreamEvent>;

  constructor(attempt: AttemptScope["attempt"], inner: AsyncIterator<StreamEvent>) {
    this.#attempt = attempt;
    this.#inner = inner;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    return this.#attempt.dispatched ? this.#inner.next() : this.#inner.next().then(this.#onStep, this.#onError);
  }

  async return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    this.#attempt.endedBeforeAdapter(new AbortError("The stream was closed before it finished"));
    return (await this.#inner.return?.(value)) ?? { done: true, value: undefined };
  }

  /** A tap runs where the events come from, when that stream can take it: this layer adds nothing per event. */
  [ADD_TAP](tap: StreamTap): boolean {
    return forwardTap(this.#inner, tap);
  }

  get [RECORDS_ATTEMPT](): Attempt {
    return this.#attempt;
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    if (step.done) this.#attempt.endedBeforeAdapter();
    return step;
  };

  readonly #onError = (error: unknown): never => {
    this.#attempt.endedBeforeAdapter(error);
    throw error;
  };
}

/** A request a middleware hands on, checked like the caller's unless only its signal changed. */
function handedOn(mw: Middleware, previous: ChatRequest, request: ChatRequest): ChatRequest {
  if (request !== previous && !sameButSignal(request, previous)) validateRequest(request, mw.name);
  return request;
}

/** Shallow comparison: a middleware that adds a signal or spreads the request unchanged costs no validation. */
function sameButSignal(a: ChatRequest, b: ChatRequest): boolean {
  if (typeof a !== "object" || a === null) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key in x) if (key !== "signal" && x[key] !== y[key]) return false;
  for (const key in y) if (key !== "signal" && !(key in x) && y[key] !== undefined) return false;
  return true;
}

/** The signal a middleware handed on, when it is a new one. */
function handedSignal(request: ChatRequest, previous: ChatRequest): AbortSignal | undefined {
  const { signal } = request;
  return signal !== undefined && signal !== previous.signal ? signal : undefined;
}

function following(context: RequestScope, request: ChatRequest, previous: ChatRequest): RequestScope {
  const signal = handedSignal(request, previous);
  return signal ? context.following(signal) : context;
}

function follow(context: AttemptScope, request: ChatRequest, previous: ChatRequest): AttemptScope {
  const signal = handedSignal(request, previous);
  if (signal) context.attempt.follow(signal);
  return context;
}

function withSignal(sources: readonly AbortSignal[], request: ChatRequest, previous: ChatRequest): readonly AbortSignal[] {
  const signal = handedSignal(request, previous);
  return signal && !sources.includes(signal) ? [...sources, signal] : sources;
}

/** A synchronous throw (a rejected hand-on) surfaces when the stream is read, as `next` is lazy. */
function lazily(open: () => AsyncIterable<StreamEvent>): AsyncIterable<StreamEvent> {
  try {
    return open();
  } catch (error) {
    return { [Symbol.asyncIterator]: () => failedStream(error) };
  }
}

/**
 * A layer's `wrapChat`, a synchronous throw from it (one that throws before it awaits) as the
 * rejection its caller expects. A plain function with a `try` rather than an async function or a
 * closure per call: each layer runs on every call, mostly with cold caches between two HTTP round
 * trips, where every extra function and promise shows.
 */
function wrapChat(mw: Middleware, args: Parameters<NonNullable<Middleware["wrapChat"]>>[0]): Promise<ChatResponse> {
  try {
    return mw.wrapChat?.(args) as Promise<ChatResponse>;
  } catch (error) {
    return rejected(error);
  }
}

/** What was thrown (a rejected hand-on, a throwing middleware), as a rejection. */
function rejected(error: unknown): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
  return Promise.reject(error);
}
