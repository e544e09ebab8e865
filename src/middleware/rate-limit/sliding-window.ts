/** One reservation in a window: its weight, and when it stops counting. */
export interface WindowHold {
  weight: number;
  /** `performance.now()` when it stops counting; `Infinity` until its request is sent. */
  until: number;
}

/**
 * A sliding window of weights (requests or tokens): what counts now is every hold not sent yet
 * and every sent one younger than the window. Sent holds expire in the order they were sent, so
 * pruning is a walk from the front.
 */
export class SlidingWindow {
  readonly #windowMs: number;
  #pending = 0;
  #sentTotal = 0;
  readonly #sent: WindowHold[] = [];
  #head = 0;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** The weight counting at `now`. */
  used(now: number): number {
    this.#prune(now);
    return this.#pending + this.#sentTotal;
  }

  /** When the oldest sent hold stops counting (`Infinity` when none will). */
  nextExpiry(now: number): number {
    this.#prune(now);
    return this.#sent[this.#head]?.until ?? Infinity;
  }

  take(weight: number): WindowHold {
    this.#pending += weight;
    return { weight, until: Infinity };
  }

  /** The hold's request is sent: it counts for one window from `now`. */
  send(hold: WindowHold, now: number): void {
    if (hold.until !== Infinity) return;
    hold.until = now + this.#windowMs;
    this.#pending -= hold.weight;
    this.#sentTotal += hold.weight;
    this.#sent.push(hold);
  }

  /** Changes a hold's weight (a token reservation settled to the real usage). */
  resize(hold: WindowHold, weight: number, now: number): void {
    this.#prune(now);
    const delta = weight - hold.weight;
    if (hold.until === Infinity) this.#pending += delta;
    else if (hold.until > now) this.#sentTotal += delta;
    hold.weight = weight;
  }

  /** Gives back a hold whose request was never sent. */
  release(hold: WindowHold): void {
    if (hold.until !== Infinity) return;
    this.#pending -= hold.weight;
    hold.weight = 0;
    hold.until = -Infinity;
  }

  #prune(now: number): void {
    const sent = this.#sent;
    while (this.#head < sent.length && sent[this.#head]!.until <= now) {
      this.#sentTotal -= sent[this.#head]!.weight;
      this.#head += 1;
    }
    if (this.#head > 1024 && this.#head * 2 > sent.length) {
      sent.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
