import type { TimeoutLimit } from "./timeout-options.js";

/** The limits one clock keeps; those left out do not apply. */
export interface ClockLimits {
  readonly totalMs?: number;
  readonly firstTokenMs?: number;
  readonly idleMs?: number;
}

/** The longest delay `setTimeout` takes; a longer one fires after 1 ms instead. */
const MAX_DELAY_MS = 2_147_483_647;
/**
 * Node schedules timers on a whole-millisecond clock, so one can fire a fraction of a millisecond
 * before `performance.now()` reaches its deadline: counted as due rather than re-armed for nothing.
 */
const SLACK_MS = 1;

/**
 * The deadlines of one attempt, behind a single timer. An event only moves a deadline (one clock
 * read): the timer is re-armed when it fires early for a deadline that moved, about once per
 * `idleMs` on a busy stream, rather than cleared and set again on every event.
 *
 * The idle clock runs only between {@link waiting} and {@link event}: it measures the provider's
 * gaps, not the time the caller takes to pull the next event.
 */
export class AttemptClock {
  readonly #limits: ClockLimits;
  readonly #onExpire: (limit: TimeoutLimit, ms: number) => void;
  #totalAt = Number.POSITIVE_INFINITY;
  #firstAt = Number.POSITIVE_INFINITY;
  /** When the current wait for an event after the first began; `NaN` while there is none. */
  #waitingSince = Number.NaN;
  #seenEvent = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When {@link #timer} fires. */
  #timerAt = Number.POSITIVE_INFINITY;
  #stopped = false;

  /** @param onExpire called at most once, when a limit runs out; the clock is stopped by then. */
  constructor(limits: ClockLimits, onExpire: (limit: TimeoutLimit, ms: number) => void) {
    this.#limits = limits;
    this.#onExpire = onExpire;
  }

  /** The attempt starts: `totalMs` and `firstTokenMs` run from now. */
  start(): void {
    const now = performance.now();
    if (this.#limits.totalMs !== undefined) this.#totalAt = now + this.#limits.totalMs;
    if (this.#limits.firstTokenMs !== undefined) this.#firstAt = now + this.#limits.firstTokenMs;
    this.#arm(now);
  }

  /** The caller waits for the next event: after the first, the idle clock runs. */
  waiting(): void {
    const idleMs = this.#limits.idleMs;
    if (idleMs === undefined || !this.#seenEvent || this.#stopped) return;
    const now = performance.now();
    this.#waitingSince = now;
    // The timer usually fires before this deadline already (it was set for an earlier one): it is
    // re-armed then, not now.
    if (now + idleMs < this.#timerAt) this.#arm(now);
  }

  /** An event arrived: the wait for the first is over, and the idle clock stops until the next wait. */
  event(): void {
    this.#waitingSince = Number.NaN;
    if (this.#seenEvent) return;
    this.#seenEvent = true;
    const armedFor = this.#firstAt;
    this.#firstAt = Number.POSITIVE_INFINITY;
    // Once per attempt: a timer left for the first event would wake the process for nothing.
    if (this.#timer !== undefined && this.#timerAt === armedFor) this.#arm(performance.now());
  }

  /** The attempt ended (an answer, an error, a consumer that stopped): no timer is left. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /**
   * The earliest deadline now in force, with its limit. On a tie the narrower limit is named: "no
   * first event within 30000 ms" says more than "did not finish within 30000 ms".
   */
  #next(): { readonly at: number; readonly limit: TimeoutLimit | undefined } {
    let at = this.#totalAt;
    let limit: TimeoutLimit | undefined = at < Number.POSITIVE_INFINITY ? "totalMs" : undefined;
    if (this.#firstAt <= at && this.#firstAt < Number.POSITIVE_INFINITY) {
      at = this.#firstAt;
      limit = "firstTokenMs";
    }
    // NaN while not waiting: the comparison is false.
    const idleAt = this.#waitingSince + (this.#limits.idleMs ?? Number.NaN);
    if (idleAt <= at) {
      at = idleAt;
      limit = "idleMs";
    }
    return { at, limit };
  }

  #arm(now: number): void {
    if (this.#stopped) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const { at } = this.#next();
    this.#timerAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(this.#fire, Math.min(Math.max(0, at - now), MAX_DELAY_MS));
    // A deadline is no reason to keep a process alive: the request it guards does that. (Runtimes
    // other than Node give a number, with no `unref`.)
    (this.#timer as { unref?: () => void }).unref?.();
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    if (this.#stopped) return;
    const now = performance.now();
    const { at, limit } = this.#next();
    if (limit === undefined || at > now + SLACK_MS) {
      this.#arm(now);
      return;
    }
    this.stop();
    this.#onExpire(limit, this.#limits[limit] as number);
  };
}
