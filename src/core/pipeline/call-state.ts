import { nextId } from "../ids.js";
import type { AttemptRecord, CallTimings } from "../types/chat-response.js";
import { CallTimeline, type Stretch, type WaitKind } from "./call-timeline.js";
import type { Route } from "../routing/router.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ClientEvent } from "../types/client-event.js";
import type { CostEstimate } from "../types/middleware.js";
import type { Target } from "../types/target.js";
import { Attempt } from "./attempt.js";

/** What a call asks of the client's routing: where a model string leads, and a key for an attempt. */
export interface CallRouting {
  /** Where a model string leads (aliases resolved). @throws ValidationError for an unknown one. */
  resolve(model: string, request?: ChatRequest): Route;
  /** The key of an attempt when it starts (round robin over a key pool). */
  chooseKey(provider: string): number;
  /** Tells the client's listeners (`llm.on`). */
  emit(event: ClientEvent): void;
  /** Whether a key of the provider other than `besides` could serve now. */
  keyReady(provider: string, besides: number): boolean;
  /** See `MiddlewareContext.estimateCost`. */
  estimateCost(request: ChatRequest, outputTokens?: number): CostEstimate | undefined;
}

const NO_ATTEMPTS: readonly AttemptRecord[] = Object.freeze([]);
/**
 * One `chat()` or `stream()` call as core holds it: its clock, its attempts, its signal, and the
 * listeners to remove when it is over. Middleware see it through {@link RequestScope} and
 * {@link AttemptScope}, never directly.
 */
export class CallState {
  readonly kind: "chat" | "stream";
  readonly callId = nextId();
  readonly startedAt = performance.now();
  readonly routing: CallRouting;
  #state: Map<unknown, unknown> | undefined;
  /** What aborts the whole call: the caller's signal (chat), the stream's own controller; or nothing. */
  readonly #abortSource: AbortSignal | undefined;
  /** Whether `#abortSource` is core's own (a stream's), which an SDK may keep listeners on. */
  readonly #ownsSignal: boolean;
  /** Core's controller behind `#abortSource` (a stream's): it aborts through {@link abort}, which tells the attempts. */
  readonly #owner: AbortController | undefined;
  #quietSignal: AbortSignal | undefined;
  #attempts: readonly AttemptRecord[] = NO_ATTEMPTS;
  #timeline: CallTimeline | undefined;
  #started = 0;
  #disposers: (() => void)[] | undefined;
  #over = false;
  /** Attempts with a signal of their own: what they follow is let go of as each one ends. */
  readonly #linked = new Set<Attempt>();

  /**
   * @param caller the caller's signal, for a call core makes no controller for (a chat).
   * @param owner core's own controller (a stream's): what aborts the whole call then. The caller's
   *   own signal is never handed to an SDK, which may leave a listener on it per request (`openai`
   *   6 does), so a long-lived one would leak.
   */
  constructor(kind: "chat" | "stream", caller: AbortSignal | undefined, routing: CallRouting, owner?: AbortController) {
    this.kind = kind;
    this.#owner = owner;
    this.#abortSource = owner ? owner.signal : caller;
    this.#ownsSignal = this.#abortSource === undefined || owner !== undefined;
    this.routing = routing;
  }

  /**
   * Cancels a call whose controller core owns (a stream), and every attempt with a signal of its
   * own: they are told here rather than by a listener each on the call's signal.
   */
  abort(reason?: unknown): void {
    const owner = this.#owner;
    if (!owner || owner.signal.aborted) return;
    owner.abort(reason);
    for (const attempt of this.#linked) attempt.callAborted(owner.signal.reason);
  }

  /** Whether an adapter may be handed the call's own signal: core owns it, or there is none. */
  get ownsSignal(): boolean {
    return this.#ownsSignal;
  }

  /** The signal that aborts the whole call, when something can. */
  get abortSource(): AbortSignal | undefined {
    return this.#abortSource;
  }

  /** Whether the caller cancelled the call. */
  get aborted(): boolean {
    return this.#abortSource?.aborted === true;
  }

  /** The call's signal for middleware: always one, even for a chat nothing can abort. */
  get signal(): AbortSignal {
    return this.#abortSource ?? (this.#quietSignal ??= new AbortController().signal);
  }

  /** Created when first used: most calls have no middleware that keeps state. */
  get state(): Map<unknown, unknown> {
    return (this.#state ??= new Map());
  }

  /** Finished attempts: a new frozen array per record, so one a middleware holds never changes. */
  get attempts(): readonly AttemptRecord[] {
    return this.#attempts;
  }

  record(entry: AttemptRecord): void {
    this.#attempts = Object.freeze([...this.#attempts, entry]);
  }

  /** A middleware waited (for a permit, before a retry, on the cache's store). */
  waited(kind: WaitKind, ms: number): void {
    (this.#timeline ??= new CallTimeline()).waited(kind, ms);
  }

  /** An attempt is with its provider from `start` (`performance.now()`); set `end` on what this returns when it answers. */
  withProvider(start: number): Stretch {
    return (this.#timeline ??= new CallTimeline()).provider(start);
  }

  /** Where the call's `latencyMs` went. */
  timings(latencyMs: number): CallTimings {
    const timeline = this.#timeline ?? (this.#timeline = new CallTimeline());
    return timeline.timings(this.startedAt, this.startedAt + latencyMs);
  }

  /** Starts an attempt on a route: its number, its id, and its key, chosen now. */
  startAttempt(route: Pick<Target, "provider" | "model">, sources: readonly AbortSignal[]): Attempt {
    const target: Target = { provider: route.provider, model: route.model, keyIndex: this.routing.chooseKey(route.provider) };
    return new Attempt(this, ++this.#started, target, sources);
  }

  /** Whether the call is over for its caller (a chat returned, a stream settled). */
  get over(): boolean {
    return this.#over;
  }

  /** Runs `dispose` when the call is over, or now if it is. */
  onDispose(dispose: () => void): void {
    if (this.#over) return dispose();
    (this.#disposers ??= []).push(dispose);
  }

  /** An attempt whose signal follows others; see {@link dispose}. */
  track(attempt: Attempt): void {
    this.#linked.add(attempt);
  }

  untrack(attempt: Attempt): void {
    this.#linked.delete(attempt);
  }

  /**
   * The call is over for its caller: listeners on the caller's own signal go now, and so does
   * everything an attempt that has ended still followed. An attempt still running (a hedge's loser
   * a middleware will cancel) keeps following its middleware's signals until it ends. Idempotent.
   */
  dispose(): void {
    if (this.#over) return;
    this.#over = true;
    const disposers = this.#disposers;
    this.#disposers = undefined;
    if (disposers) for (const dispose of disposers) dispose();
    for (const attempt of this.#linked) attempt.callOver();
  }
}
