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
  readonly controller: AbortController;
  /** Detaches from the caller's signal; call once the call is over. */
  readonly dispose: () => void;
}

/** Starts a call: its id, its clock, and an abort controller that follows the caller's signal. */
export function startCall(kind: "chat" | "stream", callerSignal: AbortSignal | undefined): Call {
  const controller = new AbortController();
  let dispose = noop;
  if (callerSignal) {
    if (callerSignal.aborted) controller.abort(callerSignal.reason);
    else {
      const onAbort = (): void => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", onAbort, { once: true });
      dispose = () => callerSignal.removeEventListener("abort", onAbort);
    }
  }
  const context: CallContext = {
    kind,
    scope: "request",
    callId: globalThis.crypto.randomUUID(),
    signal: controller.signal,
    startedAt: performance.now(),
    attempts: [],
    state: new Map(),
  };
  return { context, controller, dispose };
}

/** The context attempt-scope middleware see: the call's, plus the target. */
export function attemptContext(context: MiddlewareContext, target: Target): MiddlewareContext {
  return { ...context, scope: "attempt", target };
}

function noop(): void {}
