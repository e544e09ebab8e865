/** The window a moment falls in: `[start, end)` in epoch ms. */
export interface BudgetWindow {
  readonly start: number;
  /** `Infinity` for a budget without a window. */
  readonly end: number;
}

const FOREVER: BudgetWindow = Object.freeze({ start: 0, end: Infinity });

/**
 * Fixed windows aligned to multiples of `windowMs` since the epoch: every process computes the same
 * boundaries from its own clock, with nothing to agree on, and one window is one account (one key
 * in Redis, expiring by itself), so spending in it is a plain atomic sum. A rolling window would
 * need every charge kept with its time. The price is a burst at a boundary: up to the limit just
 * before it and again just after.
 */
export function windowAt(now: number, windowMs: number | undefined): BudgetWindow {
  if (windowMs === undefined) return FOREVER;
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}
