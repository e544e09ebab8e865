/** One reservation in a window, held by the attempt that took it. */
export interface WindowHold {
  weight: number;
  /** Its place in the window once sent ({@link SENT_FROM} or more); before that, whether it is pending or released. */
  seq: number;
}

const PENDING = -1;
const RELEASED = -2;
/** A hold's `seq` from here on is its place in the window's log. */
const SENT_FROM = 0;
const INITIAL_CAPACITY = 256;

/**
 * A sliding window of weights (requests or tokens): what counts now is every hold not sent yet
 * and every sent one younger than the window. Sent holds expire in the order they were sent, so
 * pruning is a walk from the front.
 *
 * The sent holds are a log of two numbers each in a ring of typed arrays, not an object per
 * request: a window of a minute keeps every request of that minute, and objects kept that long
 * reach V8's old generation, which only full collections clear; numbers in a typed array are no
 * objects to collect at all.
 */
export class SlidingWindow {
  readonly #windowMs: number;
  #pending = 0;
  #sentTotal = 0;
  #until = new Float64Array(INITIAL_CAPACITY);
  #weight = new Float64Array(INITIAL_CAPACITY);
  /** The place of the oldest sent hold still counting, and the one the next sent hold takes. */
  #head = SENT_FROM;
  #tail = SENT_FROM;

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
    return this.#head < this.#tail ? (this.#until[this.#head % this.#until.length] as number) : Infinity;
  }

  take(weight: number): WindowHold {
    this.#pending += weight;
    return { weight, seq: PENDING };
  }

  /** The hold's request is sent: it counts for one window from `now`. */
  send(hold: WindowHold, now: number): void {
    if (hold.seq !== PENDING) return;
    if (this.#tail - this.#head === this.#until.length) this.#grow();
    const seq = this.#tail++;
    const at = seq % this.#until.length;
    this.#until[at] = now + this.#windowMs;
    this.#weight[at] = hold.weight;
    hold.seq = seq;
    this.#pending -= hold.weight;
    this.#sentTotal += hold.weight;
  }

  /** Changes a hold's weight (a token reservation settled to the real usage). */
  resize(hold: WindowHold, weight: number, now: number): void {
    this.#prune(now);
    const delta = weight - hold.weight;
    hold.weight = weight;
    if (hold.seq === PENDING) this.#pending += delta;
    else if (hold.seq >= this.#head) {
      // Still counting (pruning drops only what has expired).
      this.#sentTotal += delta;
      this.#weight[hold.seq % this.#weight.length] = weight;
    }
  }

  /** Gives back a hold whose request was never sent. */
  release(hold: WindowHold): void {
    if (hold.seq !== PENDING) return;
    this.#pending -= hold.weight;
    hold.weight = 0;
    hold.seq = RELEASED;
  }

  #prune(now: number): void {
    const until = this.#until;
    const capacity = until.length;
    while (this.#head < this.#tail && (until[this.#head % capacity] as number) <= now) {
      this.#sentTotal -= this.#weight[this.#head % capacity] as number;
      this.#head += 1;
    }
  }

  /**
   * Twice the room, each sent hold at the same place of its log (a hold remembers its place). The
   * ring keeps the size of the busiest window it has seen: 16 bytes a request.
   */
  #grow(): void {
    const capacity = this.#until.length * 2;
    const until = new Float64Array(capacity);
    const weight = new Float64Array(capacity);
    for (let seq = this.#head; seq < this.#tail; seq++) {
      until[seq % capacity] = this.#until[seq % this.#until.length] as number;
      weight[seq % capacity] = this.#weight[seq % this.#weight.length] as number;
    }
    this.#until = until;
    this.#weight = weight;
  }
}
