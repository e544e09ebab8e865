import { afterEach, describe, expect, it, vi } from "vitest";
import { freshAbortController } from "./spare-abort-controllers.js";

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("freshAbortController", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("gives a new controller each time, never aborted, none sharing a signal", async () => {
    await nextTurn();
    const taken = Array.from({ length: 20 }, () => freshAbortController());
    expect(new Set(taken.map((c) => c.signal)).size).toBe(20);
    expect(taken.every((c) => !c.signal.aborted)).toBe(true);
    taken[0]?.abort(new Error("one"));
    expect(taken.slice(1).every((c) => !c.signal.aborted)).toBe(true);
  });

  it("hands out controllers made on an earlier turn: none is made on the call's path", async () => {
    freshAbortController();
    await nextTurn();
    const made = vi.spyOn(globalThis, "AbortController");
    const controller = freshAbortController();
    expect(controller.signal.aborted).toBe(false);
    expect(made).not.toHaveBeenCalled();
    made.mockRestore();
  });

  it("makes one on the spot when a burst has taken every spare", async () => {
    await nextTurn();
    const burst = Array.from({ length: 30 }, () => freshAbortController());
    expect(new Set(burst.map((c) => c.signal)).size).toBe(30);
    expect(burst.every((c) => typeof c.abort === "function" && !c.signal.aborted)).toBe(true);
  });
});
