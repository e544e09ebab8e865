import { nextId } from "../ids.js";
import type { AttemptRecord } from "../types/chat-response.js";
import type { AttemptInfo } from "../types/middleware.js";
import type { Target } from "../types/target.js";
import type { CallState } from "./call-state.js";
import { linkedAbortController, type LinkedAbortController } from "./linked-abort-controller.js";

/**
 * Marks a stream that records the attempt it belongs to itself, whatever way it ends (core's own
 * attempt streams): a layer above it for the same attempt need not record it again, nor be a layer.
 * On a prototype, so that a copy a middleware spreads does not carry it.
 */
export const RECORDS_ATTEMPT: unique symbol = Symbol("proxyless.recordsAttempt");

/** A stream that records its attempt itself; see {@link RECORDS_ATTEMPT}. */
export interface RecordsAttempt {
  readonly [RECORDS_ATTEMPT]: Attempt;
}

/** Whether `stream` records `attempt` itself. */
export function recordsAttempt(stream: object, attempt: Attempt): boolean {
  return (stream as Partial<RecordsAttempt>)[RECORDS_ATTEMPT] === attempt;
}

/**
 * One attempt. Its signal is created only when someone reads it or a middleware hands on a signal
 * of its own: until then the adapter gets the call's signal, so a call whose middleware never
 * cancel an attempt pays nothing for the possibility.
 */
export class Attempt implements AttemptInfo {
  readonly number: number;
  readonly id = nextId();
  readonly target: Target;
  readonly startedAt = performance.now();
  readonly #call: CallState;
  /** Signals beyond the call's that cancel this attempt (handed on by middleware). */
  #sources: readonly AbortSignal[];
  #link: LinkedAbortController | undefined;
  /** Set once it follows nothing more: ended, with the call over. */
  #released = false;
  #state: Map<unknown, unknown> | undefined;
  /** Set once the attempt is in `meta.attempts`. */
  recorded = false;
  /** Set when the adapter is called: from then on, the adapter call records the attempt when it ends. */
  dispatched = false;

  constructor(call: CallState, number: number, target: Target, sources: readonly AbortSignal[]) {
    this.#call = call;
    this.number = number;
    this.target = target;
    this.#sources = sources;
  }

  get signal(): AbortSignal {
    return (this.#link ??= this.#linked()).signal;
  }

  abortable(): (reason: unknown) => void {
    return (this.#link ??= this.#linked()).abort;
  }

  get state(): Map<unknown, unknown> {
    return (this.#state ??= new Map());
  }

  /** The signals beyond the call's that cancel this attempt, as of now (never changes once read). */
  get sources(): readonly AbortSignal[] {
    return this.#sources;
  }

  /** One more signal cancels this attempt from now on. */
  follow(signal: AbortSignal): void {
    if (this.#sources.includes(signal)) return;
    this.#sources = [...this.#sources, signal];
    if (!this.#released) this.#link?.follow(signal);
  }

  /**
   * The signal for the adapter: the call's own while nothing else can cancel this attempt and core
   * owns it; the one middleware signal when that is all that can; otherwise this attempt's, whose
   * listeners on the caller's signal go when the call ends.
   */
  adapterSignal(): AbortSignal | undefined {
    if (!this.#link) {
      if (this.#sources.length === 0 && this.#call.ownsSignal) return this.#call.abortSource;
      // A call nothing else can abort, cancelled by one middleware's signal (a timeout): that signal
      // is the attempt's, as it is; linking it into a controller of its own would only cost.
      if (this.#sources.length === 1 && this.#call.abortSource === undefined) return this.#sources[0];
    }
    return this.signal;
  }

  /** Whether a middleware cancelled this attempt while the call goes on, and with what reason. */
  cancelledAlone(): { readonly reason: unknown } | undefined {
    if (this.#call.aborted) return undefined;
    if (this.#link) return this.#link.signal.aborted ? { reason: this.#link.signal.reason } : undefined;
    const source = this.#sources.find((s) => s.aborted);
    return source ? { reason: source.reason } : undefined;
  }

  /** The attempt has ended: it is recorded, and, once the call is over too, follows nothing more. */
  record(entry: Omit<AttemptRecord, "number" | "id" | "target">): void {
    if (this.recorded) return;
    this.recorded = true;
    this.#call.record({ number: this.number, id: this.id, target: this.target, ...entry });
    if (this.#call.over) this.#release();
  }

  /**
   * Records an attempt that ended without reaching the adapter (a breaker refused it, a middleware
   * answered itself, it was closed first). Once the adapter has it, its call records it instead,
   * with its own outcome, whenever it ends.
   */
  endedBeforeAdapter(error?: unknown): void {
    if (this.dispatched) return;
    this.record({ durationMs: performance.now() - this.startedAt, ...(error !== undefined ? { error: error as Error } : {}) });
  }

  /**
   * The call is over. An attempt that has ended lets go of everything; one still running lets go
   * of the caller's own signal only and keeps its middleware's until it ends. (Until the call is
   * over, an ended attempt keeps following: a middleware of it may still wait on its signal.)
   */
  callOver(): void {
    if (this.recorded) this.#release();
    else if (!this.#call.ownsSignal) this.#link?.unfollow(this.#call.abortSource);
  }

  #release(): void {
    this.#released = true;
    this.#link?.dispose();
    this.#call.untrack(this);
  }

  /** The call's own controller aborted (a stream's): see {@link CallState.abort}. */
  callAborted(reason: unknown): void {
    this.#link?.abort(reason);
  }

  #linked(): LinkedAbortController {
    const call = this.#call;
    // A call whose controller core owns tells its attempts itself (no listener each on its signal).
    // An attempt started after a caller's call is over (by a middleware that kept `next`) does not
    // follow the caller's signal: nothing would remove that listener. Its middleware's signals still count.
    const link = linkedAbortController(call.ownsSignal || call.over ? undefined : call.abortSource, ...this.#sources);
    if (call.ownsSignal && call.aborted) link.abort(call.signal.reason);
    if (!this.recorded || !call.over) call.track(this);
    else link.dispose();
    return link;
  }
}
