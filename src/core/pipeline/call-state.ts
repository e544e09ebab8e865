import { nextId } from "../ids.js";
import type { AttemptRecord, CallTimings } from "../types/chat-response.js";
import type { Route } from "../routing/router.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ClientEvent } from "../types/client-event.js";
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
}

const NO_ATTEMPTS: readonly AttemptRecord[] = Object.freeze([]);
const NO_WAITS: Readonly<Record<WaitKind, number>> = Object.freeze({ queue: 0, backoff: 0, cache: 0 });

/** What a middleware may say it waited for. */
export type WaitKind = "queue" | "backoff" | "cache";

/** The length of the union of intervals: attempts of a hedge overlap, and their time counts once. */
function unionLength(intervals: readonly [number, number][] | undefined): number {
  if (!intervals || intervals.length === 0) return 0;
  if (intervals.length === 1) return (intervals[0] as [number, number])[1] - (intervals[0] as [number, number])[0];
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = sorted[0] as [number, number];
  for (const [s, e] of sorted.slice(1)) {
    if (s > end) {
      total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  return total + (end - start);
}

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
  #quietSignal: AbortSignal | undefined;
  #attempts: readonly AttemptRecord[] = NO_ATTEMPTS;
  #waits: Record<WaitKind, number> | undefined;
  #provider: [number, number][] | undefined;
  #started = 0;
  #disposers: (() => void)[] | undefined;
  #over = false;
  /** Attempts with a signal of their own: what they follow is let go of as each one ends. */
  readonly #linked = new Set<Attempt>();

  /**
   * @param abortSource what aborts the whole call.
   * @param owned whether core owns it: the caller's own signal is never handed to an SDK, which
   *   may leave a listener on it per request (`openai` 6 does), so a long-lived one would leak.
   */
  constructor(kind: "chat" | "stream", abortSource: AbortSignal | undefined, routing: CallRouting, owned: boolean) {
    this.kind = kind;
    this.#abortSource = abortSource;
    this.#ownsSignal = owned || abortSource === undefined;
    this.routing = routing;
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
    if (!(ms > 0)) return;
    const waits = (this.#waits ??= { queue: 0, backoff: 0, cache: 0 });
    waits[kind] += ms;
  }

  /** An attempt was with the provider from `start` to `end` (`performance.now()`). */
  withProvider(start: number, end: number): void {
    (this.#provider ??= []).push([start, end]);
  }

  /** Where the call's `latencyMs` went. */
  timings(latencyMs: number): CallTimings {
    const waits = this.#waits ?? NO_WAITS;
    const providerMs = unionLength(this.#provider);
    const queuedMs = waits.queue;
    const backoffMs = waits.backoff;
    const cacheMs = waits.cache;
    return { queuedMs, backoffMs, cacheMs, providerMs, overheadMs: Math.max(0, latencyMs - queuedMs - backoffMs - cacheMs - providerMs) };
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
