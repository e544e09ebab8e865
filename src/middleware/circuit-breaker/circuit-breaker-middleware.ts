/**
 * The circuit-breaker middleware: stops sending attempts to a target that keeps failing, and
 * lets one through now and then to see whether it is back.
 *
 * @module
 */
import { DeferredStream, type OpenedStream } from "../../core/stream/deferred-stream.js";
import { tapStream } from "../../core/stream/stream-taps.js";
import type { StreamTap } from "../../core/stream/tapped-stream.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import type { Circuit } from "./circuit.js";
import { CircuitBoard } from "./circuit-board.js";
import type { CircuitBreakerOptions } from "./circuit-breaker-options.js";
import { isCancellation } from "./is-circuit-failure.js";
import { resolveCircuitBreakerOptions, type ResolvedCircuitBreakerOptions } from "./resolve-circuit-breaker-options.js";

/**
 * A circuit breaker per target (provider, model and key), attempt scope. A circuit opens after
 * `failureThreshold` failures in a row within `windowMs` (or, with `failureRate`, when that share
 * of at least `minimumRequests` attempts in the window failed). While it is open every attempt on
 * that target fails at once with a `CircuitOpenError` (`retryable: false`, `code: "circuit_open"`,
 * `retryAfterMs` until the next probe): nothing is sent, a `retry()` outside does not retry it,
 * and a route moves on to its next target. After `cooldownMs` it is half-open: `halfOpenProbes`
 * attempts at a time go through; the first to succeed closes it, the first to fail opens it again.
 *
 * Failures are what `isFailure` says (by default {@link isCircuitFailure}: 5xx, overload,
 * connection failures, timeouts, broken streams; not 429, not client errors, never the caller's
 * cancellation). A stream succeeds at its `finish` and fails when it fails, before or after its
 * first event. Every change of state is a `circuit` event (`llm.on("circuit", ...)`).
 *
 * Put it inside `retry()` and outside `rateLimit()` and `timeout()`: each try is counted, an open
 * circuit ends the retries at once, it refuses before taking a permit, and the timeouts it sees
 * are failures.
 *
 * @throws ConfigError at once for a bad option, naming it.
 * @example
 * ```ts
 * import { circuitBreaker, createClient, rateLimit, retry, timeout } from "proxyless";
 *
 * const llm = createClient({
 *   middleware: [retry(), circuitBreaker({ failureThreshold: 5, cooldownMs: 30_000 }), rateLimit({ rules }), timeout({ totalMs: 60_000 })],
 * });
 * llm.on("circuit", (e) => console.warn(`${e.target.provider}/${e.target.model}: ${e.from} → ${e.to}`));
 * ```
 */
export function circuitBreaker(options?: CircuitBreakerOptions): Middleware {
  const policy = resolveCircuitBreakerOptions(options);
  const board = new CircuitBoard(policy);

  /** The circuit of the attempt's target, and the pass it let the attempt through with; throws CircuitOpenError. */
  function admit(context: MiddlewareContext): { readonly circuit: Circuit; readonly pass: number } | undefined {
    const target = context.target ?? context.attempt?.target;
    // Only attempt scope has a target; without one there is nothing to guard.
    if (!target) return undefined;
    const now = performance.now();
    const circuit = board.circuitFor(target, now);
    return { circuit, pass: circuit.admit(now, context) };
  }

  return {
    name: policy.name,
    scope: "attempt",

    async wrapChat({ request, context, next }) {
      const admitted = admit(context);
      if (!admitted) return next(request);
      const { circuit, pass } = admitted;
      let response: ChatResponse;
      try {
        response = await next(request);
      } catch (error) {
        settleError(policy, circuit, pass, error, context);
        throw error;
      }
      circuit.succeeded(pass, performance.now(), context);
      return response;
    },

    wrapStream({ request, context, next }) {
      return {
        // Let through, or refused, when the stream is first read: a probe's place is taken only
        // by an attempt that runs.
        [Symbol.asyncIterator]: () =>
          new DeferredStream((): Promise<OpenedStream> => {
            const admitted = admit(context);
            if (!admitted) return Promise.resolve({ iterator: next(request)[Symbol.asyncIterator]() });
            let inner: AsyncIterator<StreamEvent>;
            try {
              inner = next(request)[Symbol.asyncIterator]();
            } catch (error) {
              settleError(policy, admitted.circuit, admitted.pass, error, context);
              throw error;
            }
            return Promise.resolve({ iterator: tapStream(inner, streamTap(policy, admitted.circuit, admitted.pass, context)) });
          }),
      };
    },
  } satisfies Middleware;
}

/**
 * How a stream's end is counted: a success at `finish`, its error as a chat's would be, and a
 * stream the consumer closed before `finish` (or that ended without one) as nothing.
 */
function streamTap(policy: ResolvedCircuitBreakerOptions, circuit: Circuit, pass: number, context: MiddlewareContext): StreamTap {
  let settled = false;
  return {
    event(event) {
      if (!settled && event.type === "finish") {
        settled = true;
        circuit.succeeded(pass, performance.now(), context);
      }
      return event;
    },
    error(error) {
      if (settled) return;
      settled = true;
      settleError(policy, circuit, pass, error, context);
    },
    end() {
      if (settled) return;
      settled = true;
      circuit.released(pass, performance.now());
    },
  };
}

/** Books a failed attempt: a failure when `isFailure` says so, else nothing. The caller's cancellation is never asked about. */
function settleError(policy: ResolvedCircuitBreakerOptions, circuit: Circuit, pass: number, error: unknown, context: MiddlewareContext): void {
  const now = performance.now();
  if (!isCancellation(error, () => context.signal) && failureBy(policy, error)) circuit.failed(pass, error, now, context);
  else circuit.released(pass, now);
}

/** The user's `isFailure`; one that throws counts the error as no failure, and the call goes on with its own error. */
function failureBy(policy: ResolvedCircuitBreakerOptions, error: unknown): boolean {
  try {
    return Boolean(policy.isFailure(error));
  } catch {
    return false;
  }
}
