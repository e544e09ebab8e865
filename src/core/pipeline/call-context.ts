import type { ChatRequest } from "../types/chat-request.js";
import type { AttemptRecord, CallTimings } from "../types/chat-response.js";
import type { ClientEvent } from "../types/client-event.js";
import type { CostEstimate, MiddlewareContext } from "../types/middleware.js";
import type { Route } from "../routing/router.js";
import type { Target } from "../types/target.js";
import type { Attempt } from "./attempt.js";
import type { CallState } from "./call-state.js";
import type { WaitKind } from "./call-timeline.js";
import { linkedAbortController } from "./linked-abort-controller.js";

const NO_SOURCES: readonly AbortSignal[] = Object.freeze([]);

/** What both scopes read from the call itself. */
abstract class CallScope {
  abstract readonly call: CallState;

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
  route(model: string, request?: ChatRequest): Route {
    return this.call.routing.resolve(model, request);
  }
  emit(event: ClientEvent): void {
    this.call.routing.emit(event);
  }
  keyReady(provider: string, besides: number): boolean {
    return this.call.routing.keyReady(provider, besides);
  }
  waited(kind: WaitKind, ms: number): void {
    this.call.waited(kind, ms);
  }
  timings(): CallTimings {
    return this.call.timings(performance.now() - this.call.startedAt);
  }
  estimateCost(request: ChatRequest, outputTokens?: number): CostEstimate | undefined {
    return this.call.routing.estimateCost(request, outputTokens);
  }
}

/** What request-scope middleware see: the call, plus any signals an outer middleware handed on. */
export class RequestScope extends CallScope implements MiddlewareContext {
  readonly scope = "request";
  readonly call: CallState;
  readonly sources: readonly AbortSignal[];
  #signal: AbortSignal | undefined;

  constructor(call: CallState, sources: readonly AbortSignal[] = NO_SOURCES) {
    super();
    this.call = call;
    this.sources = sources;
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
export class AttemptScope extends CallScope implements MiddlewareContext {
  readonly scope = "attempt";
  readonly attempt: Attempt;
  /** The request-scope context the attempt was dispatched from: its signals apply here too. */
  readonly #outer: RequestScope;

  constructor(outer: RequestScope, attempt: Attempt) {
    super();
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
