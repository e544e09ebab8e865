/** An `AbortController` of one's own that also follows other signals. */
export interface LinkedAbortController {
  readonly signal: AbortSignal;
  /** Aborts this controller only; the signals it follows are untouched. */
  readonly abort: (reason?: unknown) => void;
  /** Follows one more signal from now on: aborts at once, with its reason, if it already is. */
  readonly follow: (parent: AbortSignal | undefined) => void;
  /** Stops following one signal (its listener is removed); the others still abort this controller. */
  readonly unfollow: (parent: AbortSignal | undefined) => void;
  /** Stops following every signal: call it once the work it guards is settled. */
  readonly dispose: () => void;
}

/**
 * A controller linked to `parents`: aborting any of them aborts it, but not the other way round.
 * Used for the signal of one attempt (the call's signal plus any a middleware handed on) and by
 * adapters that must close a request without aborting the caller's signal.
 *
 * Hand-written rather than `AbortSignal.any()`: its listeners are removed on `dispose()`, so a
 * long-lived parent (a server's shutdown signal) does not collect one per call.
 */
export function linkedAbortController(...parents: readonly (AbortSignal | undefined)[]): LinkedAbortController {
  const controller = new AbortController();
  const listeners = new Map<AbortSignal, () => void>();
  const follow = (parent: AbortSignal | undefined): void => {
    if (!parent || controller.signal.aborted || listeners.has(parent)) return;
    if (parent.aborted) return controller.abort(parent.reason);
    const onAbort = (): void => controller.abort(parent.reason);
    parent.addEventListener("abort", onAbort, { once: true });
    listeners.set(parent, onAbort);
  };
  const unfollow = (parent: AbortSignal | undefined): void => {
    const onAbort = parent && listeners.get(parent);
    if (!parent || !onAbort) return;
    parent.removeEventListener("abort", onAbort);
    listeners.delete(parent);
  };
  for (const parent of parents) follow(parent);
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    follow,
    unfollow,
    dispose: () => {
      for (const parent of [...listeners.keys()]) unfollow(parent);
    },
  };
}
