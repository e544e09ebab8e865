import { describe, expect, it } from "vitest";
import type { BudgetAccount, BudgetStore } from "../../stores/budget/budget-store.js";
import { MemoryBudgetStore } from "../../stores/budget/memory-budget-store.js";
import { BudgetLedger, LedgerUnavailable } from "./budget-ledger.js";

const account: BudgetAccount = { budget: "b", scope: "all", windowStart: 0, windowEnd: Infinity };

/** A store whose every operation fails, as Redis does while it is down, until `up` is set. */
function flakyStore(): BudgetStore & { up: boolean } {
  const inner = new MemoryBudgetStore();
  const down = (): Promise<never> => Promise.reject(new Error("redis store: budget reserve failed: connect ECONNREFUSED"));
  return {
    up: false,
    reserve(...args) {
      return this.up ? inner.reserve(...args) : down();
    },
    settle(...args) {
      return this.up ? inner.settle(...args) : down();
    },
    figures(...args) {
      return this.up ? inner.figures(...args) : down();
    },
    close: () => inner.close(),
  };
}

describe("BudgetLedger", () => {
  it('"closed": a store that fails refuses the reservation, with the store\'s error as the cause', async () => {
    const ledger = new BudgetLedger(flakyStore(), "closed", 'budget "b"');
    const error = await Promise.resolve(ledger.reserve(account, "r1", 10, 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerUnavailable);
    expect(((error as Error).cause as Error).message).toContain("ECONNREFUSED");
    await expect(ledger.figures(account)).rejects.toBeInstanceOf(LedgerUnavailable);
  });

  it('"open": counts in this process with the same limit, says so once in a while, and settles where it reserved', async () => {
    const store = flakyStore();
    const ledger = new BudgetLedger(store, "open", 'budget "b"');
    const first = await ledger.reserve(account, "r1", 60, 100);
    expect(first.granted).toBe(true);
    expect(first.warning).toContain('budget "b" could not reach Redis');
    const second = await ledger.reserve(account, "r2", 60, 100);
    expect(second).toMatchObject({ granted: false, reserved: 60 });
    // Once per 10 s, not on every call.
    expect(second.warning).toBeUndefined();
    // Redis is back: the settle of a local reservation goes to the local store, not to Redis.
    store.up = true;
    await first.settle(5);
    expect(await store.figures(account)).toEqual({ spent: 0, reserved: 0 });
    expect(await ledger.figures(account)).toEqual({ spent: 0, reserved: 0 });
    const shared = await ledger.reserve(account, "r3", 60, 100);
    expect(shared).toMatchObject({ granted: true });
    expect(shared.warning).toBeUndefined();
    expect(await store.figures(account)).toEqual({ spent: 0, reserved: 60 });
  });

  it("a settle that fails never rejects, and a ticket settles once", async () => {
    const store = flakyStore();
    store.up = true;
    const ledger = new BudgetLedger(store, "closed", 'budget "b"');
    const ticket = await ledger.reserve(account, "r1", 60, 100);
    await ticket.settle(10);
    await ticket.settle(10);
    expect(await store.figures(account)).toEqual({ spent: 10, reserved: 0 });
    const lost = await ledger.reserve(account, "r2", 60, 100);
    store.up = false;
    await expect(lost.settle(10)).resolves.toBeUndefined();
  });

  it("a memory store reserves and settles at once, without a promise, and each reservation settles once", async () => {
    const store = new MemoryBudgetStore();
    const ledger = new BudgetLedger(store, "closed", 'budget "b"');
    const ticket = ledger.reserve(account, "r1", 60, 100);
    expect(ticket).not.toBeInstanceOf(Promise);
    if (ticket instanceof Promise) return;
    expect(ticket).toMatchObject({ granted: true, spent: 0, reserved: 0 });
    expect(await store.figures(account)).toEqual({ spent: 0, reserved: 60 });
    expect(ticket.settle(25)).toBeUndefined();
    expect(await store.figures(account)).toEqual({ spent: 25, reserved: 0 });
    expect(ticket.settle(50)).toBeUndefined();
    expect(await store.figures(account)).toEqual({ spent: 25, reserved: 0 });
    expect(ledger.reserve(account, "r2", 80, 100)).toMatchObject({ granted: false, spent: 25, reserved: 0 });
  });
});
