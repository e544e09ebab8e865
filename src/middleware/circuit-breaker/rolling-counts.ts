/** How many slices a window is counted in: the window slides one slice at a time. */
const SLICES = 10;

/**
 * Attempts and failures in a sliding window, counted per slice (a tenth of the window), so that a
 * target's memory stays the same however busy it is. An attempt counts from when it ended until
 * its slice leaves the window: between 0.9 and 1 window later.
 */
export class RollingCounts {
  readonly #sliceMs: number;
  readonly #attempts = new Array<number>(SLICES).fill(0);
  readonly #failures = new Array<number>(SLICES).fill(0);
  /** The slice number (time / sliceMs) of the newest slice. */
  #newest = Number.NEGATIVE_INFINITY;

  constructor(windowMs: number) {
    this.#sliceMs = windowMs / SLICES;
  }

  /** Counts one attempt that ended at `now`. */
  add(failed: boolean, now: number): void {
    const index = this.#slide(now);
    this.#attempts[index] = (this.#attempts[index] ?? 0) + 1;
    if (failed) this.#failures[index] = (this.#failures[index] ?? 0) + 1;
  }

  /** The attempts and failures counting at `now`. */
  totals(now: number): { readonly attempts: number; readonly failures: number } {
    this.#slide(now);
    let attempts = 0;
    let failures = 0;
    for (let i = 0; i < SLICES; i++) {
      attempts += this.#attempts[i] ?? 0;
      failures += this.#failures[i] ?? 0;
    }
    return { attempts, failures };
  }

  clear(): void {
    this.#attempts.fill(0);
    this.#failures.fill(0);
  }

  /** Moves the window on to `now`, emptying the slices it passed; returns the index of `now`'s slice. */
  #slide(now: number): number {
    const slice = Math.floor(now / this.#sliceMs);
    if (slice > this.#newest) {
      const passed = this.#newest === Number.NEGATIVE_INFINITY ? SLICES : Math.min(slice - this.#newest, SLICES);
      for (let step = 1; step <= passed; step++) {
        const index = mod(slice - passed + step);
        this.#attempts[index] = 0;
        this.#failures[index] = 0;
      }
      this.#newest = slice;
    }
    return mod(this.#newest);
  }
}

function mod(slice: number): number {
  return ((slice % SLICES) + SLICES) % SLICES;
}
