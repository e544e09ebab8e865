import { SlidingWindow, type WindowHold } from "./sliding-window.js";
import { type Demand, type Grant, type PermitSource } from "./permits.js";
import type { ResolvedRule } from "./rule-table.js";

/** An attempt waiting its turn in a lane. */
interface Waiter {
  readonly tokens: number;
  readonly priority: number;
  /** Called when it is its turn and there is room: takes its permits. */
  readonly admit: () => void;
}

/** One rule's budget in this process. */
class Lane {
  readonly rule: ResolvedRule;
  readonly requests: SlidingWindow;
  readonly tokens: SlidingWindow;
  inFlight = 0;
  /** Attempts waiting, in order of priority, then arrival. */
  readonly queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  constructor(rule: ResolvedRule) {
    this.rule = rule;
    this.requests = new SlidingWindow(rule.windowMs);
    this.tokens = new SlidingWindow(rule.windowMs);
  }

  fits(tokens: number, now: number): boolean {
    const { rule } = this;
    if (rule.concurrency !== undefined && this.inFlight >= rule.concurrency) return false;
    if (rule.rpm !== undefined && this.requests.used(now) + 1 > rule.rpm) return false;
    if (rule.tpm !== undefined && this.tokens.used(now) + tokens > rule.tpm) return false;
    return true;
  }

  enqueue(waiter: Waiter): void {
    // After the last waiter of the same or a higher priority: order within a priority is arrival.
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.priority > waiter.priority) at -= 1;
    this.queue.splice(at, 0, waiter);
  }

  remove(waiter: Waiter): void {
    const at = this.queue.indexOf(waiter);
    if (at !== -1) this.queue.splice(at, 1);
    this.drain();
  }

  /** Lets waiters in from the front while there is room; the head never waits behind a smaller one that fits. */
  drain(): void {
    const now = performance.now();
    while (this.queue.length > 0 && this.fits(this.queue[0]!.tokens, now)) this.queue.shift()!.admit();
    if (this.queue.length > 0) this.#wakeAt(this.#nextExpiry(now));
  }

  /** The soonest moment a window frees room by itself. */
  #nextExpiry(now: number): number {
    return Math.min(this.rule.rpm !== undefined ? this.requests.nextExpiry(now) : Infinity, this.rule.tpm !== undefined ? this.tokens.nextExpiry(now) : Infinity);
  }

  #wakeAt(at: number): void {
    if (at === Infinity || (this.#timer !== undefined && this.#timerAt <= at)) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.drain();
    }, Math.max(0, at - performance.now()));
  }
}

/**
 * Permits from this process alone, in sliding windows. An attempt that finds room and nobody
 * waiting starts at once, with no timer and no promise hop: the limiter costs microseconds on the
 * happy path. The rest wait in order of priority, then arrival; the head is let in as soon as a
 * slot frees or a window moves on.
 */
export class LocalPermits implements PermitSource {
  readonly #lanes = new Map<string, Lane>();

  tryAcquire(demand: Omit<Demand, "wait">): Grant | undefined {
    const lane = this.#lane(demand);
    return lane.queue.length === 0 && lane.fits(demand.tokens, performance.now()) ? grantIn(lane, demand.tokens) : undefined;
  }

  acquire(demand: Demand): Promise<Grant> {
    const granted = this.tryAcquire(demand);
    if (granted) return Promise.resolve(granted);
    const lane = this.#lane(demand);
    return new Promise<Grant>((resolve, reject) => {
      const waiter: Waiter = {
        tokens: demand.tokens,
        priority: demand.priority,
        admit: () => resolve(grantIn(lane, demand.tokens)),
      };
      lane.enqueue(waiter);
      // Arms the lane's timer for the moment a window frees room: nothing else may ever wake it.
      lane.drain();
      void demand.wait.ended.then((error) => {
        if (!lane.queue.includes(waiter)) return;
        lane.remove(waiter);
        reject(error);
      });
    });
  }

  close(): Promise<void> {
    this.#lanes.clear();
    return Promise.resolve();
  }

  #lane(demand: Omit<Demand, "wait">): Lane {
    let lane = this.#lanes.get(demand.lane);
    if (lane === undefined) {
      lane = new Lane(demand.rule);
      this.#lanes.set(demand.lane, lane);
    }
    return lane;
  }
}

function grantIn(lane: Lane, tokens: number): Grant {
  const { rule } = lane;
  const requestHold: WindowHold | undefined = rule.rpm !== undefined ? lane.requests.take(1) : undefined;
  const tokenHold: WindowHold | undefined = rule.tpm !== undefined ? lane.tokens.take(tokens) : undefined;
  const counted = rule.concurrency !== undefined;
  if (counted) lane.inFlight += 1;
  let finished = false;
  const end = (): void => {
    if (finished) return;
    finished = true;
    if (counted) lane.inFlight -= 1;
  };
  return {
    sent(): void {
      const now = performance.now();
      if (requestHold) lane.requests.send(requestHold, now);
      if (tokenHold) lane.tokens.send(tokenHold, now);
      // A window's hold now has an end: the head may be waiting for it.
      if (lane.queue.length > 0) lane.drain();
    },
    finish(tokensUsed?: number): void {
      if (tokenHold && tokensUsed !== undefined) lane.tokens.resize(tokenHold, tokensUsed, performance.now());
      end();
      if (lane.queue.length > 0) lane.drain();
    },
    cancel(): void {
      if (requestHold) lane.requests.release(requestHold);
      if (tokenHold) lane.tokens.release(tokenHold);
      end();
      if (lane.queue.length > 0) lane.drain();
    },
  };
}
