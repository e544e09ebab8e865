import { CircuitOpenError } from "../../core/errors/circuit-open-error.js";
import type { CircuitState } from "../../core/types/client-event.js";
import type { MiddlewareContext } from "../../core/types/middleware.js";
import type { Target } from "../../core/types/target.js";
import type { ResolvedCircuitBreakerOptions } from "./resolve-circuit-breaker-options.js";
import { RollingCounts } from "./rolling-counts.js";

/** Where a circuit tells of its changes: the context of the attempt that caused one. */
type Emitter = Pick<MiddlewareContext, "emit">;

/**
 * The circuit of one target. Every change of state starts a new epoch, and an attempt counts only
 * in the epoch that let it through (its pass is that epoch's number): an attempt let through while
 * closed that fails after the circuit opened and half-opened says nothing about the probe, and a
 * probe of an earlier half-open state closes nothing. So the pass is a number, and letting an
 * attempt through allocates nothing.
 *
 * Time is `performance.now()`, given by the caller. Open turns half-open when the first attempt
 * after the cooldown arrives: a circuit has no timer, and one nobody uses changes nothing.
 */
export class Circuit {
  readonly #policy: ResolvedCircuitBreakerOptions;
  /** The target events name: the attempt's, or with its key as -1 for a circuit shared by all keys. */
  readonly target: Target;
  #state: CircuitState = "closed";
  #epoch = 0;
  #openedAt = 0;
  #openedBy: Error | undefined;
  /** Probes running in this half-open epoch. */
  #probes = 0;
  /** Attempts let through and not ended yet, of any epoch. */
  #inFlight = 0;
  #lastActive = 0;
  /** When each failure of the current run (no success between them) ended, oldest first. */
  readonly #run: number[] = [];
  readonly #counts: RollingCounts | undefined;

  constructor(policy: ResolvedCircuitBreakerOptions, target: Target) {
    this.#policy = policy;
    this.target = target;
    this.#counts = policy.failureRate === undefined ? undefined : new RollingCounts(policy.windowMs);
  }

  get state(): CircuitState {
    return this.#state;
  }

  /**
   * Lets an attempt through, or refuses it: open, or half-open with all its probes running.
   *
   * @returns the pass the attempt's end is reported with.
   * @throws CircuitOpenError when refused; its `retryAfterMs` is the time until the next probe.
   */
  admit(now: number, emitter: Emitter): number {
    if (this.#state === "open") {
      const waitMs = this.#openedAt + this.#policy.cooldownMs - now;
      if (waitMs > 0) throw this.#refusal(`circuit open; next probe in ${Math.ceil(waitMs)} ms`, Math.ceil(waitMs));
      this.#change("half-open", now, emitter);
    }
    if (this.#state === "half-open") {
      if (this.#probes >= this.#policy.halfOpenProbes) throw this.#refusal("circuit half-open, waiting for its probe", undefined);
      this.#probes++;
    }
    this.#inFlight++;
    this.#lastActive = now;
    return this.#epoch;
  }

  /** The attempt answered: a run of failures ends; a probe closes the circuit. */
  succeeded(pass: number, now: number, emitter: Emitter): void {
    if (!this.#ended(pass, now)) return;
    if (this.#state === "half-open") this.#change("closed", now, emitter);
    else {
      this.#run.length = 0;
      this.#counts?.add(false, now);
    }
  }

  /** The attempt failed with an error that counts: it may open the circuit; a probe re-opens it. */
  failed(pass: number, error: unknown, now: number, emitter: Emitter): void {
    if (!this.#ended(pass, now)) return;
    const reason = error instanceof Error ? error : undefined;
    if (this.#state === "half-open") {
      this.#change("open", now, emitter, reason);
      return;
    }
    this.#counts?.add(true, now);
    if (this.#runReached(now) || this.#rateReached(now)) this.#change("open", now, emitter, reason);
  }

  /** The attempt ended in a way that counts for nothing (cancelled, a client error, a stream closed early): a probe's place is free again. */
  released(pass: number, now: number): void {
    if (this.#ended(pass, now) && this.#state === "half-open") this.#probes--;
  }

  /** Whether the circuit is what a new one would be: closed, nothing running, nothing in its window. */
  idle(now: number): boolean {
    return this.#state === "closed" && this.#inFlight === 0 && now - this.#lastActive >= this.#policy.windowMs;
  }

  /** Books the end of an attempt; whether it still counts (its epoch is the current one). */
  #ended(pass: number, now: number): boolean {
    this.#inFlight--;
    this.#lastActive = now;
    return pass === this.#epoch;
  }

  #runReached(now: number): boolean {
    const { failureThreshold, windowMs } = this.#policy;
    if (failureThreshold === Number.POSITIVE_INFINITY) return false;
    const run = this.#run;
    run.push(now);
    while ((run[0] ?? Number.POSITIVE_INFINITY) <= now - windowMs) run.shift();
    return run.length >= failureThreshold;
  }

  #rateReached(now: number): boolean {
    const { failureRate, minimumRequests } = this.#policy;
    if (!this.#counts || failureRate === undefined) return false;
    const { attempts, failures } = this.#counts.totals(now);
    return attempts >= minimumRequests && failures >= failureRate * attempts;
  }

  #change(to: CircuitState, now: number, emitter: Emitter, error?: Error): void {
    const from = this.#state;
    this.#state = to;
    this.#epoch++;
    this.#probes = 0;
    this.#run.length = 0;
    this.#counts?.clear();
    if (to === "open") {
      this.#openedAt = now;
      this.#openedBy = error;
    } else if (to === "closed") this.#openedBy = undefined;
    emitter.emit({ type: "circuit", breaker: this.#policy.name, target: this.target, from, to, ...(error ? { error } : {}) });
  }

  #refusal(why: string, retryAfterMs: number | undefined): CircuitOpenError {
    const { provider, model, keyIndex } = this.target;
    const key = keyIndex >= 0 ? ` key ${keyIndex}` : "";
    const cause = this.#openedBy ? `, opened by ${this.#openedBy.name}: ${this.#openedBy.message}` : "";
    return new CircuitOpenError(`${provider}/${model}${key}: ${why} (${this.#policy.name})${cause}`, {
      provider,
      code: "circuit_open",
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(this.#openedBy ? { cause: this.#openedBy } : {}),
    });
  }
}
