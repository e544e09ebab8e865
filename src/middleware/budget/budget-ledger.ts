import { MemoryBudgetStore } from "../../stores/budget/memory-budget-store.js";
import type { BudgetAccount, BudgetFigures, BudgetStore } from "../../stores/budget/budget-store.js";

/** A reservation asked for: whether it was taken, the figures before it, and how to end it. */
export interface Ticket extends BudgetFigures {
  readonly granted: boolean;
  /**
   * Ends the reservation, charging `charge` nano-dollars; once. Never rejects: a settle that fails
   * leaves the reservation to expire, counted in full. `undefined` when it is settled already (a
   * memory store), a promise of that otherwise.
   */
  settle(charge: number): Promise<void> | undefined;
  /** Said once in a while, when the shared store could not be reached and this process counted alone. */
  readonly warning?: string;
}

/** The shared store could not be reached and the budget fails closed; `cause` says why. */
export class LedgerUnavailable extends Error {
  override readonly name = "LedgerUnavailable";
}

/** How often, at most, a budget that counts alone while Redis is down says so. */
const WARN_EVERY_MS = 10_000;

/**
 * A budget's store, with what happens when it fails: a memory store never does; a shared one
 * that cannot be reached either refuses (`"closed"`: {@link LedgerUnavailable}) or lets this process
 * count alone in memory, with the same limit (`"open"`), until it answers again. A reservation is
 * settled in the store that took it.
 */
export class BudgetLedger {
  readonly #store: BudgetStore;
  readonly #onUnavailable: "open" | "closed";
  readonly #describe: string;
  #fallback: MemoryBudgetStore | undefined;
  #warnedAt = -Infinity;

  /** @param describe names the budget in the warning (`budget "daily"`). */
  constructor(store: BudgetStore, onUnavailable: "open" | "closed", describe: string) {
    this.#store = store;
    this.#onUnavailable = onUnavailable;
    this.#describe = describe;
  }

  /** A reservation: at once from a store that answers at once (memory), a promise of it otherwise. */
  reserve(account: BudgetAccount, id: string, amount: number, limit: number): Ticket | Promise<Ticket> {
    const now = this.#store.now;
    if (!now) return this.#reserveLater(account, id, amount, limit);
    const result = now.reserve(account, id, amount, limit);
    let settled = false;
    return {
      granted: result.granted,
      spent: result.spent,
      reserved: result.reserved,
      settle: (charge) => {
        if (settled) return undefined;
        settled = true;
        now.settle(account, id, amount, charge);
        return undefined;
      },
    };
  }

  async #reserveLater(account: BudgetAccount, id: string, amount: number, limit: number): Promise<Ticket> {
    let store: BudgetStore = this.#store;
    let warning: string | undefined;
    let result;
    try {
      result = await store.reserve(account, id, amount, limit);
    } catch (error) {
      if (this.#onUnavailable === "closed") throw new LedgerUnavailable("the budget's store is unreachable", { cause: error });
      store = this.#fallback ??= new MemoryBudgetStore();
      warning = this.#warning(error);
      result = await store.reserve(account, id, amount, limit);
    }
    let settled: Promise<void> | undefined;
    return {
      ...result,
      ...(warning !== undefined ? { warning } : {}),
      settle: (charge) => (settled ??= store.settle(account, id, amount, charge).catch(ignore)),
    };
  }

  /** The figures of the store; while it cannot be reached and the budget fails open, this process's own. */
  async figures(account: BudgetAccount): Promise<BudgetFigures> {
    try {
      return await this.#store.figures(account);
    } catch (error) {
      if (this.#onUnavailable === "closed") throw new LedgerUnavailable("the budget's store is unreachable", { cause: error });
      return (this.#fallback ??= new MemoryBudgetStore()).figures(account);
    }
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  #warning(error: unknown): string | undefined {
    const now = performance.now();
    // Said once per 10 s, not on every call of a long outage.
    if (now - this.#warnedAt < WARN_EVERY_MS) return undefined;
    this.#warnedAt = now;
    const reason = error instanceof Error ? error.message : "unknown error";
    return `${this.#describe} could not reach Redis (${reason}): counting in this process alone, with the same limit, until it answers again`;
  }
}

function ignore(): void {
  // Deliberately empty: a reservation not settled expires, counted as spent in full; never less.
}
