import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { abortableWait } from "./wait.js";

const cancelled = (): Error => new Error("cancelled");

describe("abortableWait", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("resolves after ms", async () => {
    let done = false;
    void abortableWait(1000, new AbortController().signal, cancelled).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("rejects at once on abort and leaves no timer and no listener behind", async () => {
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, "removeEventListener");
    const pending = abortableWait(60_000, controller.signal, cancelled);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow("cancelled");
    expect(vi.getTimerCount()).toBe(0);
    // `once` removed the listener that fired; the timer path removes it itself.
    expect(removed).not.toHaveBeenCalled();
  });

  it("removes its listener when the wait ends", async () => {
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, "removeEventListener");
    const pending = abortableWait(10, controller.signal, cancelled);
    await vi.advanceTimersByTimeAsync(10);
    await pending;
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("rejects without a timer when already aborted; resolves at once for 0 ms", async () => {
    await expect(abortableWait(10, AbortSignal.abort(), cancelled)).rejects.toThrow("cancelled");
    await expect(abortableWait(0, new AbortController().signal, cancelled)).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
