import { describe, expect, it } from "vitest";
import { RollingCounts } from "./rolling-counts.js";

describe("RollingCounts", () => {
  it("counts attempts and failures in the window, slice by slice", () => {
    const counts = new RollingCounts(1_000);
    counts.add(true, 0);
    counts.add(false, 50);
    counts.add(true, 550);
    expect(counts.totals(550)).toEqual({ attempts: 3, failures: 2 });
    // The slice of 0..99 leaves the window when time reaches 1000.
    expect(counts.totals(999)).toEqual({ attempts: 3, failures: 2 });
    expect(counts.totals(1_000)).toEqual({ attempts: 1, failures: 1 });
    // 550 is in the slice of 500..599, which leaves at 1500: 0.95 windows later.
    expect(counts.totals(1_499)).toEqual({ attempts: 1, failures: 1 });
    expect(counts.totals(1_500)).toEqual({ attempts: 0, failures: 0 });
  });

  it("forgets everything after a long quiet spell, and on clear", () => {
    const counts = new RollingCounts(1_000);
    for (let t = 0; t < 1_000; t += 10) counts.add(t % 20 === 0, t);
    expect(counts.totals(999)).toEqual({ attempts: 100, failures: 50 });
    counts.add(true, 1_000_000);
    expect(counts.totals(1_000_000)).toEqual({ attempts: 1, failures: 1 });
    counts.clear();
    expect(counts.totals(1_000_000)).toEqual({ attempts: 0, failures: 0 });
  });
});
