import { describe, expect, it } from "vitest";
import { parseDuration } from "./parse-duration.js";

describe("parseDuration", () => {
  it.each([
    ["1s", 1000],
    ["6m0s", 360_000],
    ["12ms", 12],
    ["18.642s", 18_642],
    ["1h2m3s", 3_723_000],
    ["37s", 37_000],
    ["0.9s", 900],
    ["1m", 60_000],
    ["1m5ms", 60_005],
    ["250us", 0.25],
    ["250µs", 0.25],
    ["1500ns", 0.0015],
    [" 2s ", 2000],
    ["1h0m0.5s", 3_600_500],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 6);
  });

  it.each(["", " ", "abc", "5", "1s junk", "s1", "1.s", ".5s", "1x", "1u", "1n", "-1s", "1s2"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
