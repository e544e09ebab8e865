/**
 * The retry middleware: tries an attempt again, on the same target, when it failed with a
 * retryable error.
 *
 * @module
 */
import pRetry from "p-retry";
import type { ProxylessError } from "../../core/errors/proxyless-error.js";
import { callCancelled } from "../../core/pipeline/cancellation.js";
import { DeferredStream, type OpenedStream } from "../../core/stream/deferred-stream.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { Target } from "../../core/types/target.js";
import { retryDelay } from "./backoff.js";
import { isRetryable } from "./is-retryable.js";
import { brandRetry } from "./is-retry-middleware.js";
import { resolveRetryOptions, type ResolvedRetryOptions } from "./resolve-retry-options.js";
import type { RetryInfo, RetryOptions } from "./retry-options.js";
import { abortableWait } from "./wait.js";

/**
 * What p-retry is handed for a failed try: the original, wrapped. p-retry would turn a thrown
 * non-`Error` into a `TypeError` and unwrap an error of its own `AbortError` class; wrapped, the
 * caller gets back exactly what the try threw.
 */
class FailedTry extends Error {
  readonly original: unknown;

  constructor(original: unknown) {
    super("retry: a try failed");
    this.original = original;
  }
}

/**
 * Retries an attempt that failed with a retryable error (`error.retryable`: rate limits, 408, 409,
 * 5xx, overload, connection failures, attempt timeouts), on the same target with the next key of
 * its pool, waiting an exponential backoff or the provider's `retryAfterMs` in between. Never
 * retried: auth, invalid requests, not found, context length, quota, the caller's cancellation or
 * own deadline, and errors that are not `ProxylessError`s. A stream is retried only until its
 * first event reaches the caller.
 *
 * Attempt scope. Put it before (outside) `rateLimit()` and `timeout()`, so that every retry waits
 * for the limiter again and each attempt gets its own deadline.
 *
 * @throws ConfigError at once for a bad option, naming it.
 * @example
 * ```ts
 * import { createClient, retry } from "proxyless";
 *
 * const llm = createClient({
 *   middleware: [retry({ retries: 3, onRetry: ({ error, delayMs }) => console.warn(`${error.name}, retrying in ${delayMs} ms`) })],
 * });
 * const res = await llm.chat({ model: "anthropic/claude-haiku-4-5", messages });
 * res.meta.attempts; // every try, the failed ones with their error
 * ```
 */
export function retry(options?: RetryOptions): Middleware {
  const policy = resolveRetryOptions(options);
  return brandRetry({
    name: policy.name,
    scope: "attempt",

    wrapChat({ request, context, next }) {
      return withRetries(policy, context, () => next(request));
    },

    wrapStream({ request, context, next }) {
      // Retried until the first step arrives: once an event went out, a failure is the caller's.
      // After it, the stream is the attempt's own, with nothing in between.
      return {
        [Symbol.asyncIterator]: () =>
          new DeferredStream(() =>
            withRetries(policy, context, (): Promise<OpenedStream> => {
              const iterator = next(request)[Symbol.asyncIterator]();
              return iterator.next().then((first) => ({ iterator, first }));
            }),
          ),
      };
    },
  });
}

/**
 * Runs `attempt`, then again while {@link shouldTryAgain} says so. The first try runs on its own:
 * a call that succeeds at once (nearly all) costs nothing more. Once it has failed, p-retry owns
 * the loop and the budgets (`retries`, `maxElapsedMs`), starting from that failure; its own waits
 * are zero, because the wait depends on the error (`retryAfterMs`, the fail-fast over
 * `maxDelayMs`) and is made in its `shouldRetry`, which it awaits and does not call once the
 * retries are used up.
 */
function withRetries<T>(policy: ResolvedRetryOptions, context: MiddlewareContext, attempt: () => Promise<T>): Promise<T> {
  if (policy.retries === 0) return attempt();
  const startedAt = performance.now();
  // A promise chain, not an async function: the first try is all nearly every call makes.
  return tryOnce(attempt).catch((error: unknown) => {
    if (!isRetryable(error)) throw error;
    return retryAfter(policy, context, attempt, new FailedTry(error), startedAt);
  });
}

/** One try, a synchronous throw as its rejection. */
function tryOnce<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return attempt();
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as it was thrown
    return Promise.reject(error);
  }
}

/** The tries after the first failed one, in p-retry's loop (see {@link withRetries}). */
function retryAfter<T>(policy: ResolvedRetryOptions, context: MiddlewareContext, attempt: () => Promise<T>, failed: FailedTry, startedAt: number): Promise<T> {
  let firstFailure: FailedTry | undefined = failed;
  return pRetry(
    async () => {
      if (firstFailure) {
        const failure = firstFailure;
        firstFailure = undefined;
        throw failure;
      }
      try {
        return await attempt();
      } catch (error) {
        throw new FailedTry(error);
      }
    },
    {
      retries: policy.retries,
      // p-retry's clock starts now; the first try's time counts too.
      maxRetryTime: Math.max(0, policy.maxElapsedMs - (performance.now() - startedAt)),
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      shouldRetry: ({ error, attemptNumber, retriesLeft }) =>
        shouldTryAgain(policy, context, { error: (error as FailedTry).original, attemptNumber, retriesLeft, startedAt }),
    },
  ).catch((error: unknown) => {
    throw error instanceof FailedTry ? error.original : error;
  });
}

/**
 * Whether to try again after a failure, having waited for it when so. Resolves `false` for no
 * retry (the failure is thrown); rejects with the call's cancellation when it is aborted first.
 */
async function shouldTryAgain(
  policy: ResolvedRetryOptions,
  context: MiddlewareContext,
  failure: { readonly error: unknown; readonly attemptNumber: number; readonly retriesLeft: number; readonly startedAt: number },
): Promise<boolean> {
  if (!isRetryable(failure.error)) return false;
  // The attempt that just failed, read before anything is awaited: in a hedge, others end too.
  const failed = context.attempts.at(-1)?.target ?? context.target;
  const error = failure.error as ProxylessError;
  const delayMs = failed && otherKeyServes(error, failed, context) ? 0 : retryDelay(error.retryAfterMs, failure.attemptNumber, policy);
  if (delayMs === undefined) return false;
  const elapsedMs = performance.now() - failure.startedAt;
  if (elapsedMs + delayMs > policy.maxElapsedMs) return false;
  const provider = context.target?.provider ?? error.provider ?? "";
  const info: RetryInfo = {
    error,
    attemptNumber: failure.attemptNumber,
    retriesLeft: failure.retriesLeft - 1,
    delayMs,
    elapsedMs,
    provider,
    model: context.target?.model ?? "",
    callId: context.callId,
  };
  if (policy.shouldRetry && !(await allowed(policy.shouldRetry, error, info))) return false;
  // Read only now: the signal is made on first read, and a call that never retries needs none.
  const signal = context.signal;
  const cancelled = (): Error => callCancelled(signal.reason, provider);
  if (signal.aborted) throw cancelled();
  notify(policy.onRetry, info);
  if (failed) context.emit({ type: "retry", callId: context.callId, target: failed, retry: failure.attemptNumber, delayMs, error });
  const waiting = performance.now();
  try {
    await abortableWait(delayMs, signal, cancelled);
  } finally {
    context.waited("backoff", performance.now() - waiting);
  }
  return true;
}

/**
 * A 429 rests the key it came on: when another key of the pool is ready, the next try goes to it
 * at once (each try takes a key when it starts), rather than waiting out the first key's retry-after.
 */
function otherKeyServes(error: ProxylessError, failed: Target, context: MiddlewareContext): boolean {
  if (error.status !== 429 || error.name !== "RateLimitError") return false;
  return failed.keyIndex >= 0 && context.keyReady(failed.provider, failed.keyIndex);
}

/** The user's veto; one that throws vetoes too, and the caller gets the attempt's typed error. */
async function allowed(hook: NonNullable<RetryOptions["shouldRetry"]>, error: ProxylessError, info: RetryInfo): Promise<boolean> {
  try {
    return Boolean(await hook(error, info));
  } catch {
    return false;
  }
}

/** Tells `onRetry`, which must never break the call: neither a throw nor a rejection counts. */
function notify(hook: RetryOptions["onRetry"], info: RetryInfo): void {
  if (!hook) return;
  try {
    const result: unknown = hook(info);
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") void Promise.resolve(result).catch(() => undefined);
  } catch {
    // Ignored: see above.
  }
}
