/**
 * Per-attempt time limits: the whole attempt, the wait for a stream's first event, and the gaps
 * between its events.
 *
 * @module
 */
import type { AttemptInfo, Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import { tapStream } from "../../core/stream/stream-taps.js";
import { AttemptClock } from "./attempt-clock.js";
import { attemptTimeoutError } from "./attempt-timeout-error.js";
import { resolveTimeoutOptions } from "./resolve-timeout-options.js";
import { clockTap } from "./clock-tap.js";
import type { TimeoutOptions } from "./timeout-options.js";

/**
 * Gives every attempt its own deadlines, attempt scope. When one runs out, the attempt's HTTP
 * request is closed and the attempt fails with a retryable `TimeoutError` whose `code` names the
 * limit (`attempt_timeout_total`, `attempt_timeout_first_token`, `attempt_timeout_idle`): a retry
 * or a fallback outside it can go on, and nothing is left running.
 *
 * Put it last, innermost, so that each attempt is timed on its own and the time spent waiting for a
 * rate limiter is not counted against the provider. The caller's own `signal` still applies, and
 * still wins: its abort is an `AbortError`.
 *
 * @throws ConfigError for options that are not positive finite numbers, an unknown option, or no limit set.
 * @example
 * ```ts
 * import { createClient, retry, rateLimit, timeout } from "proxyless";
 *
 * const llm = createClient({
 *   middleware: [retry(), rateLimit({ rules: { "*": { rpm: 500 } } }), timeout({ totalMs: 60_000, firstTokenMs: 10_000, idleMs: 15_000 })],
 * });
 * ```
 */
export function timeout(options: TimeoutOptions): Middleware {
  const resolved = resolveTimeoutOptions(options);
  const { name, totalMs } = resolved;
  // A chat has no events, so only `totalMs` applies to it; without it the middleware has no chat
  // hook at all, and a chat pays nothing for it.
  const chatLimits = totalMs !== undefined ? { totalMs } : undefined;

  return {
    name,
    scope: "attempt",
    ...(chatLimits && {
      async wrapChat({ request, context, next }) {
        // Cancels this attempt alone: the caller's signal, and any an outer middleware handed on, still apply.
        const cancel = attemptOf(context).abortable();
        const provider = context.target?.provider;
        const clock = new AttemptClock(chatLimits, (limit, ms) => cancel(attemptTimeoutError(limit, ms, "chat", provider, name)));
        clock.start();
        try {
          return await next(request);
        } finally {
          clock.stop();
        }
      },
    }),
    wrapStream({ request, context, next }) {
      return {
        [Symbol.asyncIterator]: () => {
          const attempt = attemptOf(context);
          const cancel = attempt.abortable();
          const provider = context.target?.provider;
          let expired: Error | undefined;
          const clock = new AttemptClock(resolved, (limit, ms) => {
            // Cancelled already (the caller's abort): that is how it ends, not with a timeout.
            if (attempt.signal.aborted) return;
            cancel((expired = attemptTimeoutError(limit, ms, "stream", provider, name)));
          });
          return tapStream(next(request)[Symbol.asyncIterator](), clockTap(clock, () => expired));
        },
      };
    },
  } satisfies Middleware;
}

/** The attempt a middleware of attempt scope runs in: core always gives one. */
function attemptOf(context: MiddlewareContext): AttemptInfo {
  if (!context.attempt) throw new Error("timeout() runs in attempt scope, where core gives every call an attempt");
  return context.attempt;
}
