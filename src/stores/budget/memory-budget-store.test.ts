import { describe, expect, it } from "vitest";
import type { BudgetAccount } from "./budget-store.js";
import { MemoryBudgetStore } from "./memory-budget-store.js";

const window = (start: number, scope = "all"): BudgetAccount => ({ budget: "b", scope, windowStart: start, windowEnd: start + 1_000 });

describe("MemoryBudgetStore", () => {
  it("reserves while spent + reserved + amount stays within the limit, and settles to the charge", async () => {
    const store = new MemoryBudgetStore();
    const at = window(0);
    expect(await store.reserve(at, "a", 40, 100)).toEqual({ granted: true, spent: 0, reserved: 0 });
    expect(await store.reserve(at, "b", 60, 100)).toEqual({ granted: true, spent: 0, reserved: 40 });
    expect(await store.reserve(at, "c", 1, 100)).toEqual({ granted: false, spent: 0, reserved: 100 });
    await store.settle(at, "a", 40, 10);
    expect(await store.figures(at)).toEqual({ spent: 10, reserved: 60 });
    // Settling twice, or an id it never held, changes nothing.
    await store.settle(at, "a", 40, 10);
    await store.settle(at, "zzz", 40, 10);
    expect(await store.figures(at)).toEqual({ spent: 10, reserved: 60 });
  });

  it("keeps accounts apart by scope and window", async () => {
    const store = new MemoryBudgetStore();
    await store.reserve(window(0), "a", 100, 100);
    expect((await store.reserve(window(0, "v:acme"), "b", 100, 100)).granted).toBe(true);
    expect((await store.reserve(window(1_000), "c", 100, 100)).granted).toBe(true);
  });

  it("sweeps accounts of past windows that hold nothing, once the map has grown", async () => {
    let now = 0;
    const store = new MemoryBudgetStore(() => now);
    const busy = window(0, "busy");
    await store.reserve(busy, "held", 1, 100);
    for (let i = 0; i < 1_022; i++) await store.reserve(window(0, `v:${String(i)}`), "x", 1, 100).then(() => store.settle(window(0, `v:${String(i)}`), "x", 1, 1));
    now = 5_000;
    await store.reserve(window(5_000), "y", 1, 100);
    // The 1,024th account triggers the sweep: the idle past ones go; the one still held and the current stay.
    expect(store.size).toBe(2);
    expect(await store.figures(busy)).toEqual({ spent: 0, reserved: 1 });
  });
});
