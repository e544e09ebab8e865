import { nextId } from "../ids.js";
import type { AttemptRecord } from "../types/chat-response.js";
import type { AttemptInfo, MiddlewareContext } from "../types/middleware.js";
import type { Target } from "../types/target.js";
import { linkedAbortController, type LinkedAbortController } from "./linked-abort-controller.js";

/** Picks the key of an attempt when it starts (round robin over a key pool). */
export type KeyChooser = (provider: string) => number;

const NO_SOURCES: readonly AbortSignal[] = Object.freeze([]);
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
  readonly #chooseKey: KeyChooser;
  #state: Map<unknown, unknown> | undefined;
  /** What aborts the whole call: the caller's signal (chat), the stream's own controller; or nothing. */
  readonly #abortSource: AbortSignal | undefined;
  /** Whether `#abortSource` is core's own (a stream's), which an SDK may keep listeners on. */
  readonly #ownsSignal: boolean;
  #quietSignal: AbortSignal | undefined;
  #attempts: readonly AttemptRecord[] = NO_ATTEMPTS;
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
  constructor(kind: "chat" | "stream", abortSource: AbortSignal | undefined, chooseKey: KeyChooser, owned: boolean) {
    this.kind = kind;
    this.#abortSource = abortSource;
    this.#ownsSignal = owned || abortSource === undefined;
    this.#chooseKey = chooseKey;
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

  /** Starts an attempt on a route: its number, its id, and its key, chosen now. */
  startAttempt(route: Pick<Target, "provider" | "model">, sources: readonly AbortSignal[]): Attempt {
    const target: Target = { provider: route.provider, model: route.model, keyIndex: this.#chooseKey(route.provider) };
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
   * owns it; otherwise this attempt's, whose listeners on the caller's signal go when the call ends.
   */
  adapterSignal(): AbortSignal | undefined {
    if (!this.#link && this.#sources.length === 0 && this.#call.ownsSignal) return this.#call.abortSource;
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

  #linked(): LinkedAbortController {
    // An attempt started after the call is over (by a middleware that kept `next`) does not follow
    // the caller's signal: nothing would remove that listener. Its middleware's signals still count.
    const call = this.#call;
    const link = linkedAbortController(call.over && !call.ownsSignal ? undefined : call.abortSource, ...this.#sources);
    if (!this.recorded || !call.over) call.track(this);
    else link.dispose();
    return link;
  }
}

/** What request-scope middleware see: the call, plus any signals an outer middleware handed on. */
export class RequestScope implements MiddlewareContext {
  readonly scope = "request";
  readonly call: CallState;
  readonly sources: readonly AbortSignal[];
  #signal: AbortSignal | undefined;

  constructor(call: CallState, sources: readonly AbortSignal[] = NO_SOURCES) {
    this.call = call;
    this.sources = sources;
  }

  get kind(): "chat" | "stream" {
    return this.call.kind;
  }
  get callId(): string {
    return this.call.callId;
  }
  get startedAt(): number {
    return this.call.startedAt;
  }
  get attempts(): readonly AttemptRecord[] {
    return this.call.attempts;
  }
  get state(): Map<unknown, unknown> {
    return this.call.state;
  }

  get signal(): AbortSignal {
    if (this.sources.length === 0) return this.call.signal;
    if (!this.#signal) {
      const link = linkedAbortController(this.call.abortSource, ...this.sources);
      this.call.onDispose(link.dispose);
      this.#signal = link.signal;
    }
    return this.#signal;
  }

  /** The context for the rest of the chain when a middleware handed on a signal of its own. */
  following(signal: AbortSignal): RequestScope {
    return this.sources.includes(signal) ? this : new RequestScope(this.call, [...this.sources, signal]);
  }
}

/** What attempt-scope middleware see: the call and the attempt they run in. */
export class AttemptScope implements MiddlewareContext {
  readonly scope = "attempt";
  readonly attempt: Attempt;
  /** The request-scope context the attempt was dispatched from: its signals apply here too. */
  readonly #outer: RequestScope;

  constructor(outer: RequestScope, attempt: Attempt) {
    this.#outer = outer;
    this.attempt = attempt;
  }

  /** Starts the first attempt of a dispatch: on `route`, cancelled by every signal in force there. */
  static start(outer: RequestScope, route: Pick<Target, "provider" | "model">): AttemptScope {
    return new AttemptScope(outer, outer.call.startAttempt(route, outer.sources));
  }

  get call(): CallState {
    return this.#outer.call;
  }
  get kind(): "chat" | "stream" {
    return this.#outer.call.kind;
  }
  get callId(): string {
    return this.#outer.call.callId;
  }
  get startedAt(): number {
    return this.#outer.call.startedAt;
  }
  get attempts(): readonly AttemptRecord[] {
    return this.#outer.call.attempts;
  }
  get state(): Map<unknown, unknown> {
    return this.#outer.call.state;
  }
  /** The call's signal, with what request-scope middleware handed on; `attempt.signal` adds this attempt's own. */
  get signal(): AbortSignal {
    return this.#outer.signal;
  }
  get target(): Target {
    return this.attempt.target;
  }

  /** A new attempt on the same route (a retry): a new number, a new key choice, a signal of its own. */
  retry(sources: readonly AbortSignal[]): AttemptScope {
    const { provider, model } = this.attempt.target;
    return new AttemptScope(this.#outer, this.call.startAttempt({ provider, model }, sources));
  }
}
