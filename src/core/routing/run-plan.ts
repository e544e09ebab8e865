import { AbortError } from "../errors/abort-error.js";
import { AllTargetsFailedError } from "../errors/all-targets-failed-error.js";
import { ContextLengthError } from "../errors/context-length-error.js";
import type { RequestScope } from "../pipeline/call-context.js";
import { estimateInputTokens } from "../request/estimate-tokens.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { ContextWindows } from "./context-windows.js";
import { moveOn } from "./move-on.js";
import type { Plan, Route } from "./router.js";
import type { TargetStats } from "./target-stats.js";

/** How one kind of call (chat, stream) runs on a target. */
export interface TargetRun<R> {
  /** Runs the call on one target, under `scope` (a hedge's own, which can cancel it alone). */
  run(target: Route, scope: RequestScope): Promise<R>;
  /** Lets go of a result nobody will use (a stream that lost a hedge: its request is closed). */
  discard?(result: R): void;
  /** Whether a result is an answer to move on from (`fallbackOn`); the last target's is kept anyway. */
  unwanted?(result: R, plan: Plan): Error | undefined;
}

/** What routing needs of the client beyond the plan. */
export interface RoutingServices {
  readonly windows: ContextWindows;
  readonly stats: TargetStats;
  /** Whether the provider has another key to try after one was rejected. */
  spareKey(provider: string): boolean;
  /** Whether the provider's keys are a pool or a key function. */
  pooled(provider: string): boolean;
}

const describe = (t: Route): string => `${t.provider}/${t.model}`;

/**
 * Runs a call through its plan: each target in turn until one answers, moving on as
 * {@link moveOn} says; with `hedge`, the next target also starts when the one before has not
 * answered in time, the first answer wins and the others are cancelled. When every target has
 * failed (or was skipped), an `AllTargetsFailedError` carries every attempt's error; an error that
 * stops the route reaches the caller as it is.
 */
export async function runPlan<R>(plan: Plan, request: ChatRequest, scope: RequestScope, how: TargetRun<R>, services: RoutingServices): Promise<R> {
  const skipped: Error[] = [];
  const targets = plan.targets.length > 1 ? fitting(plan.targets, request, services.windows, skipped) : plan.targets;
  const state = new RouteState(plan, request, targets, skipped, scope, services);
  if (targets.length === 0) throw state.failure();
  return plan.hedge ? hedged(state, how) : inTurn(state, how);
}

/** Rejected keys a call tries other keys for, at most, before the route moves on. */
const MAX_AGAIN = 16;

/** Where a call is in its plan. */
class RouteState {
  readonly plan: Plan;
  readonly request: ChatRequest;
  readonly targets: readonly Route[];
  readonly skipped: Error[];
  readonly scope: RequestScope;
  readonly services: RoutingServices;
  /** Errors that ended a target's run before any attempt recorded them (a key that could not be chosen). */
  readonly unrecorded: Error[] = [];
  /** After a context-length failure: only targets with a known window larger than this are tried. */
  minWindow = 0;
  /** A `fallbackOn` answer kept in case no other target answers. */
  kept: { value: unknown } | undefined;
  /** The error the last failed target ended with. */
  last: unknown;
  /** The target the call is moving on from, told as a fallback event once the next one starts. */
  #leaving: { readonly from: Route; readonly error: Error } | undefined;
  #again = 0;

  constructor(plan: Plan, request: ChatRequest, targets: readonly Route[], skipped: Error[], scope: RequestScope, services: RoutingServices) {
    this.plan = plan;
    this.request = request;
    this.targets = targets;
    this.skipped = skipped;
    this.scope = scope;
    this.services = services;
  }

  /** Whether a target may still be tried after an earlier one was too small. */
  fits(target: Route): boolean {
    if (this.minWindow === 0) return true;
    const window = this.services.windows.of(target);
    if (window !== undefined && window > this.minWindow) return true;
    this.skipped.push(
      new ContextLengthError(`${describe(target)} skipped: its context window (${window ?? "unknown"}) is not larger than that of a target that found the prompt too long (${this.minWindow})`, {
        provider: target.provider,
        code: "context_window_not_larger",
      }),
    );
    return false;
  }

  /** A target starts: the fallback to it, if the call is moving on, is told now (never to one then skipped). */
  starting(target: Route): void {
    const leaving = this.#leaving;
    if (!leaving) return;
    this.#leaving = undefined;
    const last = this.scope.call.attempts.findLast((a) => sameRoute(a.target, leaving.from));
    this.scope.emit({ type: "fallback", callId: this.scope.callId, from: last?.target ?? { ...leaving.from, keyIndex: -1 }, to: target, error: leaving.error });
  }

  /** The call moves on from a target: the next one to start is told as its fallback. */
  leave(from: Route, error: unknown): void {
    if (error instanceof Error) this.#leaving = { from, error };
  }

  /** Takes a target's failure in: the verdict, with what it teaches about windows and latency. */
  failed(target: Route, error: unknown, elapsedMs: number): "next" | "again" | "stop" {
    this.last = error;
    this.services.stats.failed(target, elapsedMs);
    if (error instanceof Error && !this.scope.call.attempts.some((a) => a.error === error)) this.unrecorded.push(error);
    const { services } = this;
    let verdict = moveOn(error, this.scope.call.aborted, { spare: () => services.spareKey(target.provider), pooled: () => services.pooled(target.provider) });
    if (verdict === "again" && this.#again++ >= MAX_AGAIN) verdict = "next";
    if (verdict === "next" && error instanceof Error && error.name === "ContextLengthError") {
      // An unknown window is at least what the prompt was estimated at.
      const window = this.services.windows.of(target) ?? Math.max(1, estimateInputTokens(this.request));
      this.minWindow = Math.max(this.minWindow, window);
    }
    return verdict;
  }

  /** A `fallbackOn` answer: kept as the last resort, and moved on from. */
  unwanted(target: Route, result: unknown, why: Error): void {
    this.kept ??= { value: result };
    this.skipped.push(why);
    this.leave(target, why);
  }

  /** The error of a route that ran out of targets: a route of one target fails with its own error. */
  failure(): Error {
    if (this.plan.targets.length === 1 && this.last instanceof Error) return this.last;
    const errors = [...this.skipped, ...this.scope.call.attempts.flatMap((a) => (a.error ? [a.error] : [])), ...this.unrecorded];
    return new AllTargetsFailedError(errors, this.skipped.filter((e) => e.name === "ContextLengthError").length);
  }
}

async function inTurn<R>(state: RouteState, how: TargetRun<R>): Promise<R> {
  const { targets, services, scope } = state;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i] as Route;
    if (!state.fits(target)) continue;
    state.starting(target);
    const end = services.stats.begin(target);
    const started = performance.now();
    try {
      const result = await how.run(target, scope);
      services.stats.observe(target, performance.now() - started);
      const unwanted = i < targets.length - 1 ? how.unwanted?.(result, state.plan) : undefined;
      if (!unwanted) return result;
      state.unwanted(target, result, unwanted);
    } catch (error) {
      const verdict = state.failed(target, error, performance.now() - started);
      if (verdict === "stop") throw error;
      if (verdict === "again") i -= 1;
      else state.leave(target, error);
    } finally {
      end();
    }
  }
  if (state.kept) return state.kept.value as R;
  throw state.failure();
}

/** The hedged variant of {@link inTurn}: several targets may run at once; the first answer wins. */
function hedged<R>(state: RouteState, how: TargetRun<R>): Promise<R> {
  const { targets, services, scope, plan } = state;
  const hedge = plan.hedge as NonNullable<Plan["hedge"]>;
  return new Promise<R>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const live = new Set<AbortController>();
    const finish = (outcome: () => void): void => {
      settled = true;
      clearTimeout(timer);
      for (const controller of live) controller.abort(new AbortError("Another target answered first (hedged request)"));
      live.clear();
      outcome();
    };
    // Nothing running and nothing left to start: the kept answer, or the route's failure.
    const exhausted = (): void => {
      const kept = state.kept;
      finish(() => (kept ? resolve(kept.value as R) : reject(state.failure())));
    };
    /** Starts the next target that fits; `false` when none is left. */
    const launch = (): boolean => {
      while (next < targets.length && !state.fits(targets[next] as Route)) next += 1;
      if (settled || next >= targets.length) return false;
      start(targets[next++] as Route);
      return true;
    };
    /** Runs one target beside the others (the failed one again, with another key, on "again"). */
    const start = (target: Route): void => {
      state.starting(target);
      const controller = new AbortController();
      live.add(controller);
      running += 1;
      const end = services.stats.begin(target);
      const started = performance.now();
      // Through a promise: a key that cannot be chosen throws before the attempt exists, and must
      // reach the failure handler like any other error (never a timer's uncaught exception).
      Promise.resolve()
        .then(() => how.run(target, scope.following(controller.signal)))
        .then(
          (result) => {
            running -= 1;
            live.delete(controller);
            end();
            if (settled) return how.discard?.(result);
            services.stats.observe(target, performance.now() - started);
            const unwanted = next < targets.length || running > 0 ? how.unwanted?.(result, plan) : undefined;
            if (!unwanted) return finish(() => resolve(result));
            state.unwanted(target, result, unwanted);
            if (!launch() && running === 0) exhausted();
          },
          (error: unknown) => {
            running -= 1;
            live.delete(controller);
            end();
            if (settled) return;
            const verdict = state.failed(target, error, performance.now() - started);
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the target failed with, as it was thrown
            if (verdict === "stop") return finish(() => reject(error));
            if (verdict === "again") return start(target);
            state.leave(target, error);
            if (!launch() && running === 0) exhausted();
          },
        );
      arm(target);
    };
    const arm = (started: Route): void => {
      clearTimeout(timer);
      if (next >= targets.length) return;
      const afterMs = hedgeDelay(hedge, started, services.stats);
      if (afterMs === undefined) return;
      timer = setTimeout(() => {
        if (settled) return;
        while (next < targets.length && !state.fits(targets[next] as Route)) next += 1;
        if (next >= targets.length) return;
        scope.emit({ type: "hedge", callId: scope.callId, target: targets[next] as Route, afterMs: performance.now() - scope.startedAt });
        launch();
      }, afterMs);
    };
    launch();
  });
}

/** How long to wait on a target before starting the next beside it: its latency percentile once known, else `afterMs`. */
function hedgeDelay(hedge: NonNullable<Plan["hedge"]>, target: Route, stats: TargetStats): number | undefined {
  if (hedge.percentile !== undefined) {
    const observed = stats.percentile(target, hedge.percentile, hedge.minSamples ?? 20);
    if (observed !== undefined) return observed;
  }
  return hedge.afterMs;
}

/** The targets whose known context window can take the prompt; the others are skipped before any request. */
function fitting(targets: readonly Route[], request: ChatRequest, windows: ContextWindows, skipped: Error[]): readonly Route[] {
  if (targets.every((t) => windows.of(t) === undefined)) return targets;
  const tokens = estimateInputTokens(request);
  const out: Route[] = [];
  for (const target of targets) {
    const window = windows.of(target);
    if (window === undefined || tokens <= window) out.push(target);
    else {
      skipped.push(
        new ContextLengthError(`${describe(target)} skipped: the prompt is estimated at ${tokens} tokens, more than its context window of ${window}`, {
          provider: target.provider,
          code: "context_window_exceeded_estimate",
        }),
      );
    }
  }
  return out;
}

function sameRoute(a: Route, b: Route): boolean {
  return a.provider === b.provider && a.model === b.model;
}
