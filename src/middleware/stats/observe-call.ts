import { TappedStream } from "../../core/stream/tapped-stream.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { AttemptRecord, CallTimings, ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";

/**
 * How a call ended, as an observer sees it:
 * - `answered`: a response (from a provider or a cache);
 * - `failed`: an error reached the caller;
 * - `cancelled`: the caller aborted (an `AbortError`), or a stream's consumer closed it (a
 *   `break`) before its `finish` event.
 */
export type CallOutcome =
  | { readonly type: "answered"; readonly response: ChatResponse }
  | { readonly type: "failed"; readonly error: unknown }
  | { readonly type: "cancelled"; readonly error?: unknown };

/** One call that has just ended. */
export interface CallEnd {
  readonly request: ChatRequest;
  readonly context: MiddlewareContext;
  readonly outcome: CallOutcome;
  /**
   * The call's finished attempts: `meta.attempts` of an answer, `context.attempts` read when it
   * ended otherwise (so that a failed call's attempts are all there).
   */
  readonly attempts: readonly AttemptRecord[];
  /**
   * Milliseconds from `chat()`/`stream()` to this end. Measured here: inside the chain a response's
   * `meta.latencyMs` is the time to its attempt's end (a cached one's is stale), and core completes
   * the call-level meta (`latencyMs`, `timings`, `timeToFirstTokenMs`) only after the chain returns.
   */
  readonly latencyMs: number;
  /** Where the call's time went, to this end (`context.timings()`). */
  readonly timings: CallTimings;
}

/**
 * The `wrapChat` and `wrapStream` of a request-scope middleware that only watches: `onEnd` is told
 * once per call, when it ends, however it ends. Whatever `onEnd` throws is swallowed: watching a
 * call never changes it.
 *
 * On a stream, the only work per event is the check for `finish` (a {@link TappedStream}).
 */
export function observeCall(onEnd: (end: CallEnd) => void): Pick<Middleware, "wrapChat" | "wrapStream"> {
  const tell = (request: ChatRequest, context: MiddlewareContext, outcome: CallOutcome): void => {
    try {
      const attempts = outcome.type === "answered" ? outcome.response.meta.attempts : context.attempts;
      onEnd({ request, context, outcome, attempts, latencyMs: performance.now() - context.startedAt, timings: context.timings() });
    } catch {
      // An observer's fault is its own.
    }
  };
  const failure = (error: unknown): CallOutcome => (isAbort(error) ? { type: "cancelled", error } : { type: "failed", error });

  return {
    wrapChat({ request, context, next }) {
      return next(request).then(
        (response) => {
          tell(request, context, { type: "answered", response });
          return response;
        },
        (error: unknown) => {
          tell(request, context, failure(error));
          throw error;
        },
      );
    },
    wrapStream({ request, context, next }) {
      return {
        [Symbol.asyncIterator]: () => {
          let told = false;
          const once = (outcome: CallOutcome): void => {
            if (told) return;
            told = true;
            tell(request, context, outcome);
          };
          return new TappedStream(next(request)[Symbol.asyncIterator](), {
            event: (event) => {
              if (event.type === "finish") once({ type: "answered", response: event.response });
              return event;
            },
            error: (error) => once(failure(error)),
            // Ended with neither a finish nor an error: the consumer closed it.
            end: () => once({ type: "cancelled" }),
          });
        },
      };
    },
  };
}

/** The caller's cancellation, told by name so that it survives duplicate package copies. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
