import type { BudgetAccount, BudgetFigures, BudgetStore, ReserveResult } from "./budget-store.js";

interface Ledger {
  spent: number;
  reserved: number;
  readonly held: Map<string, number>;
  readonly windowEnd: number;
}

/** Accounts kept before the first sweep of those whose window has passed. */
const FIRST_SWEEP_AT = 1_024;

/**
 * A {@link BudgetStore} in this process's memory: a `Map` of accounts. Every operation runs to its
 * end before it returns (JavaScript runs one thing at a time), so reservations are atomic without a
 * lock, and the figures a settled call left are there as soon as its promise is made.
 *
 * Reservations do not expire here: they die with the process that holds them. Accounts of windows
 * that have passed are swept whenever the map has doubled, so a budget per user does not grow
 * without bound.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly #ledgers = new Map<string, Ledger>();
  #sweepAt = FIRST_SWEEP_AT;
  readonly #now: () => number;

  /** @param now the clock windows are judged by (`Date.now`). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  readonly now = {
    reserve: (account: BudgetAccount, id: string, amount: number, limit: number): ReserveResult => {
      const ledger = this.#ledger(account, true);
      const spent = ledger.spent;
      const reserved = ledger.reserved;
      if (spent + reserved + amount > limit) return { granted: false, spent, reserved };
      ledger.held.set(id, amount);
      ledger.reserved += amount;
      return { granted: true, spent, reserved };
    },
    settle: (account: BudgetAccount, id: string, _amount: number, charge: number): void => {
      const ledger = this.#ledger(account, false);
      const held = ledger?.held.get(id);
      // A window that has been swept no longer counts: what it was charged does not matter.
      if (ledger && held !== undefined) {
        ledger.held.delete(id);
        ledger.reserved -= held;
        ledger.spent += charge;
      }
    },
  };

  reserve(account: BudgetAccount, id: string, amount: number, limit: number): Promise<ReserveResult> {
    return Promise.resolve(this.now.reserve(account, id, amount, limit));
  }

  settle(account: BudgetAccount, id: string, amount: number, charge: number): Promise<void> {
    this.now.settle(account, id, amount, charge);
    return Promise.resolve();
  }

  figures(account: BudgetAccount): Promise<BudgetFigures> {
    const ledger = this.#ledger(account, false);
    return Promise.resolve({ spent: ledger?.spent ?? 0, reserved: ledger?.reserved ?? 0 });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Accounts held now (for tests). */
  get size(): number {
    return this.#ledgers.size;
  }

  #ledger(account: BudgetAccount, create: true): Ledger;
  #ledger(account: BudgetAccount, create: false): Ledger | undefined;
  #ledger(account: BudgetAccount, create: boolean): Ledger | undefined {
    const key = `${account.scope}@${String(account.windowStart)}`;
    let ledger = this.#ledgers.get(key);
    if (ledger || !create) return ledger;
    ledger = { spent: 0, reserved: 0, held: new Map(), windowEnd: account.windowEnd };
    this.#ledgers.set(key, ledger);
    if (this.#ledgers.size >= this.#sweepAt) this.#sweep();
    return ledger;
  }

  /** Forgets accounts whose window has passed and that nothing holds any more. */
  #sweep(): void {
    const now = this.#now();
    for (const [key, ledger] of this.#ledgers) {
      if (ledger.windowEnd <= now && ledger.held.size === 0) this.#ledgers.delete(key);
    }
    this.#sweepAt = Math.max(FIRST_SWEEP_AT, this.#ledgers.size * 2);
  }
}
