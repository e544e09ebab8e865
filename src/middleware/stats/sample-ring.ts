/**
 * The last `capacity` samples of a measure (latencies), for percentiles: a ring that overwrites its
 * oldest sample once full, so its memory is bounded however many calls are made. Percentiles are
 * of that window, not of all time.
 */
export class SampleRing {
  readonly #capacity: number;
  /** Grows up to `capacity`, then is written in place: an idle target costs a few bytes. */
  readonly #values: number[] = [];
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many samples the window holds now. */
  get size(): number {
    return this.#values.length;
  }

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    if (this.#values.length < this.#capacity) this.#values.push(value);
    else this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  /**
   * The nearest-rank percentiles of the window (`ps` in 0..100), rounded to 0.1 ms; `null` each when
   * it is empty. Sorts a copy: the cost is paid by whoever asks, never by a call.
   */
  percentiles(ps: readonly number[]): (number | null)[] {
    if (this.#values.length === 0) return ps.map(() => null);
    const sorted = Float64Array.from(this.#values).sort();
    return ps.map((p) => {
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      return Math.round((sorted[rank - 1] as number) * 10) / 10;
    });
  }

  clear(): void {
    this.#values.length = 0;
    this.#next = 0;
  }
}
