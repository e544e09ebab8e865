import { freshAbortController } from "./spare-abort-controllers.js";

/** An `AbortController` of one's own that also follows other signals. */
export interface LinkedAbortController {
  readonly signal: AbortSignal;
  /** Aborts this controller only; the signals it follows are untouched. */
  readonly abort: (reason?: unknown) => void;
  /** Follows one more signal from now on: aborts at once, with its reason, if it already is. */
  follow(parent: AbortSignal | undefined): void;
  /** Stops following one signal (its listener is removed); the others still abort this controller. */
  unfollow(parent: AbortSignal | undefined): void;
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
  const link = new Link();
  for (const parent of parents) link.follow(parent);
  return link;
}

/**
 * One object, the signals it follows in two short arrays (rarely more than two entries) rather than
 * a map: an attempt with a deadline makes one per call. `abort` and `dispose` are bound, since they
 * are handed on as functions.
 */
class Link implements LinkedAbortController {
  readonly #controller = freshAbortController();
  readonly #parents: AbortSignal[] = [];
  readonly #listeners: (() => void)[] = [];

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  readonly abort = (reason?: unknown): void => this.#controller.abort(reason);

  follow(parent: AbortSignal | undefined): void {
    const controller = this.#controller;
    if (!parent || controller.signal.aborted || this.#parents.includes(parent)) return;
    if (parent.aborted) return controller.abort(parent.reason);
    const onAbort = (): void => controller.abort(parent.reason);
    parent.addEventListener("abort", onAbort, { once: true });
    this.#parents.push(parent);
    this.#listeners.push(onAbort);
  }

  unfollow(parent: AbortSignal | undefined): void {
    const at = parent ? this.#parents.indexOf(parent) : -1;
    if (at === -1) return;
    (parent as AbortSignal).removeEventListener("abort", this.#listeners[at] as () => void);
    this.#parents.splice(at, 1);
    this.#listeners.splice(at, 1);
  }

  readonly dispose = (): void => {
    const parents = this.#parents;
    for (let i = 0; i < parents.length; i++) (parents[i] as AbortSignal).removeEventListener("abort", this.#listeners[i] as () => void);
    parents.length = 0;
    this.#listeners.length = 0;
  };
}
