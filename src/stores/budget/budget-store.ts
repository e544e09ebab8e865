/**
 * Where a budget keeps what has been spent and reserved: this process's memory, or Redis for a
 * budget that several processes share. Amounts are whole nano-dollars (1e-9 USD): sums of integers
 * are exact, so ten reservations of a tenth of a limit fill it exactly, in Lua as in JS.
 */

/** One budget's account for one scope value and one window: what a store keeps apart. */
export interface BudgetAccount {
  /** The budget's `name`: processes share a Redis budget by name. */
  readonly budget: string;
  /** The scope value, already made into a key part (`all`, `v:acme`, `none`). */
  readonly scope: string;
  /** When its window started (epoch ms); 0 for a budget without `windowMs`. */
  readonly windowStart: number;
  /** When its window ends (epoch ms), after which the account is forgotten; `Infinity` without `windowMs`. */
  readonly windowEnd: number;
}

/** An account's figures, in nano-dollars. */
export interface BudgetFigures {
  /** Settled: what calls cost (and reservations that expired, in full). */
  readonly spent: number;
  /** Held by calls in flight. */
  readonly reserved: number;
}

/** What a reservation found: whether it was taken, and the figures before it. */
export interface ReserveResult extends BudgetFigures {
  readonly granted: boolean;
}

/**
 * The three operations a budget needs, each atomic on its account: concurrent reservations can
 * never together pass the limit, however many processes make them.
 */
export interface BudgetStore {
  /** Holds `amount` under `id` when `spent + reserved + amount <= limit`; otherwise changes nothing. */
  reserve(account: BudgetAccount, id: string, amount: number, limit: number): Promise<ReserveResult>;
  /**
   * Ends the reservation `id` of `amount`: it is released and `charge` is added to what is spent.
   * A reservation the store already expired (and so counted as spent in full) is corrected to
   * `charge`.
   */
  settle(account: BudgetAccount, id: string, amount: number, charge: number): Promise<void>;
  /** The account's figures now. */
  figures(account: BudgetAccount): Promise<BudgetFigures>;
  /**
   * {@link reserve} and {@link settle} for a store that answers at once (memory): a budget then
   * takes and settles its reservation without a promise, on every call it lets through.
   */
  readonly now?: {
    reserve(account: BudgetAccount, id: string, amount: number, limit: number): ReserveResult;
    settle(account: BudgetAccount, id: string, amount: number, charge: number): void;
  };
  close(): Promise<void>;
}

/** Nano-dollars in a dollar. */
export const NANO_PER_USD = 1e9;

/** Dollars to nano-dollars, rounded. */
export function toNano(usd: number): number {
  return Math.round(usd * NANO_PER_USD);
}

/**
 * Dollars to nano-dollars, rounded up, for what a reservation holds: never less than the estimate.
 * The slack absorbs a float's noise (`1.05e-4 * 1e9` is `105000.00000000001`), which would
 * otherwise add a nano-dollar to every reservation.
 */
export function toNanoAtLeast(usd: number): number {
  return Math.max(0, Math.ceil(usd * NANO_PER_USD - 1e-6));
}

export function fromNano(nano: number): number {
  return nano / NANO_PER_USD;
}
