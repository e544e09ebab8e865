import { nextId } from "../ids.js";
import type { AttemptRecord } from "../types/chat-response.js";
import type { MiddlewareContext } from "../types/middleware.js";
import type { Target } from "../types/target.js";

/** The context of one call, as core holds it: attempts stay writable here. */
export interface CallContext extends MiddlewareContext {
  readonly attempts: AttemptRecord[];
}

/** A started call: its context, and the controls only core uses. */
export interface Call {
  readonly context: CallContext;
  /** Streams only: aborts the call (`stream.abort()`, a consumer's `break`). */
  readonly controller?: AbortController;
  /** Detaches from the caller's signal; call once the call is over. */
  readonly dispose: () => void;
}

/**
 * Starts a call: its id, its clock, and its signal. A chat uses the caller's signal as it is (or
 * none); a stream gets a controller of its own, following the caller's signal, because
 * `stream.abort()` and `break` must be able to end it.
 */
export function startCall(kind: "chat" | "stream", callerSignal: AbortSignal | undefined): Call {
  let controller: AbortController | undefined;
  let dispose = noop;
  if (kind === "stream") {
    const own = new AbortController();
    controller = own;
    if (callerSignal?.aborted) own.abort(callerSignal.reason);
    else if (callerSignal) {
      const onAbort = (): void => own.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", onAbort, { once: true });
      dispose = () => callerSignal.removeEventListener("abort", onAbort);
    }
  }
  const context: CallContext = {
    kind,
    scope: "request",
    callId: nextId(),
    signal: controller ? controller.signal : callerSignal,
    startedAt: performance.now(),
    attempts: [],
    state: new Map(),
  };
  return controller ? { context, controller, dispose } : { context, dispose };
}

/** The context attempt-scope middleware see: the call's, plus the target. */
export function attemptContext(context: MiddlewareContext, target: Target): MiddlewareContext {
  // Spelled out rather than spread: this runs for every attempt, and a literal keeps one shape.
  const { kind, callId, signal, startedAt, attempts, state } = context;
  return { kind, scope: "attempt", callId, signal, startedAt, target, attempts, state };
}

function noop(): void {}
