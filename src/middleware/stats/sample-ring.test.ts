import { describe, expect, it } from "vitest";
import { SampleRing } from "./sample-ring.js";

describe("SampleRing", () => {
  it("gives nearest-rank percentiles, null when empty", () => {
    const ring = new SampleRing(100);
    expect(ring.percentiles([50, 99])).toEqual([null, null]);
    for (let i = 1; i <= 100; i++) ring.add(i);
    expect(ring.percentiles([50, 95, 99, 100])).toEqual([50, 95, 99, 100]);
  });

  it("keeps only the last `capacity` samples", () => {
    const ring = new SampleRing(3);
    for (const v of [1000, 1000, 1, 2, 3]) ring.add(v);
    expect(ring.size).toBe(3);
    expect(ring.percentiles([100])).toEqual([3]);
  });

  it("ignores values that are not finite, and clears", () => {
    const ring = new SampleRing(4);
    ring.add(Number.NaN);
    ring.add(5);
    expect(ring.size).toBe(1);
    ring.clear();
    expect(ring.size).toBe(0);
  });
});
