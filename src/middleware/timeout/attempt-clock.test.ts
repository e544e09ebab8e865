import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AttemptClock, type ClockLimits } from "./attempt-clock.js";
import type { TimeoutLimit } from "./timeout-options.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function clockOf(limits: ClockLimits): { clock: AttemptClock; expired: [TimeoutLimit, number, number][] } {
  const expired: [TimeoutLimit, number, number][] = [];
  const started = performance.now();
  const clock = new AttemptClock(limits, (limit, ms) => expired.push([limit, ms, performance.now() - started]));
  return { clock, expired };
}

describe("AttemptClock", () => {
  it("totalMs runs out once, however the stream goes, and leaves no timer", () => {
    const { clock, expired } = clockOf({ totalMs: 100 });
    clock.start();
    vi.advanceTimersByTime(60);
    clock.event();
    clock.waiting();
    vi.advanceTimersByTime(39);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([["totalMs", 100, 100]]);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(expired).toHaveLength(1);
  });

  it("firstTokenMs bounds the wait for the first event, and its timer goes at that event", () => {
    const { clock, expired } = clockOf({ firstTokenMs: 50 });
    clock.start();
    vi.advanceTimersByTime(49);
    clock.event();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([]);

    const late = clockOf({ firstTokenMs: 50 });
    late.clock.start();
    vi.advanceTimersByTime(50);
    expect(late.expired).toEqual([["firstTokenMs", 50, 50]]);
  });

  it("idleMs counts only while waiting on the provider, from the first event on", () => {
    const { clock, expired } = clockOf({ idleMs: 100 });
    clock.start();
    // The wait for the first event is not idle time.
    vi.advanceTimersByTime(500);
    clock.event();
    // The caller's own time between events is not either.
    vi.advanceTimersByTime(500);
    expect(expired).toEqual([]);
    clock.waiting();
    vi.advanceTimersByTime(99);
    clock.event();
    vi.advanceTimersByTime(300);
    clock.waiting();
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([["idleMs", 100, 1499]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the idle clock restarts at every wait, with few timers set on a busy stream", () => {
    const set = vi.spyOn(globalThis, "setTimeout");
    const { clock, expired } = clockOf({ idleMs: 100, totalMs: 10_000 });
    clock.start();
    clock.event();
    for (let i = 0; i < 200; i++) {
      clock.waiting();
      vi.advanceTimersByTime(20);
      clock.event();
    }
    expect(expired).toEqual([]);
    // 200 events over 4 s: re-armed when the timer fires, every 80 to 100 ms here, not once per event.
    expect(set.mock.calls.length).toBeLessThan(60);
    for (const result of set.mock.results) expect((result.value as NodeJS.Timeout).hasRef()).toBe(false);
    clock.waiting();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual([["idleMs", 100, 4100]]);
  });

  it("reports the limit that ran out first when several are due", () => {
    const { clock, expired } = clockOf({ totalMs: 300, idleMs: 100 });
    clock.start();
    vi.advanceTimersByTime(10);
    clock.event();
    vi.advanceTimersByTime(250);
    clock.waiting();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual([["totalMs", 300, 300]]);
  });

  it("names the narrower limit when two run out at once", () => {
    const first = clockOf({ totalMs: 100, firstTokenMs: 100 });
    first.clock.start();
    vi.advanceTimersByTime(100);
    expect(first.expired).toEqual([["firstTokenMs", 100, 100]]);

    const idle = clockOf({ totalMs: 150, idleMs: 100 });
    idle.clock.start();
    vi.advanceTimersByTime(50);
    idle.clock.event();
    idle.clock.waiting();
    vi.advanceTimersByTime(100);
    expect(idle.expired).toEqual([["idleMs", 100, 150]]);
  });

  it("stop() leaves no timer, whatever was armed", () => {
    const { clock, expired } = clockOf({ totalMs: 100, firstTokenMs: 50, idleMs: 10 });
    clock.start();
    clock.event();
    clock.waiting();
    expect(vi.getTimerCount()).toBe(1);
    clock.stop();
    expect(vi.getTimerCount()).toBe(0);
    clock.waiting();
    clock.event();
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a limit beyond what setTimeout takes still runs its full length", () => {
    const { clock, expired } = clockOf({ totalMs: 3_000_000_000 });
    clock.start();
    vi.advanceTimersByTime(2_999_999_999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual([["totalMs", 3_000_000_000, 3_000_000_000]]);
  });
});
