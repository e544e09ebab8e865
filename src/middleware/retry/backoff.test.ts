import { describe, expect, it } from "vitest";
import { backoffDelay, retryDelay, type BackoffPolicy } from "./backoff.js";

const sdk: BackoffPolicy = { minDelayMs: 500, maxDelayMs: 8_000, factor: 2, jitter: 0.25 };
const exact: BackoffPolicy = { ...sdk, jitter: 0 };
const lowest = (): number => 0;
const highest = (): number => 0.999_999;

describe("backoffDelay", () => {
  it("is minDelayMs · factor^(n-1), capped at maxDelayMs", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, exact))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, { ...exact, factor: 3, minDelayMs: 100 })).toBe(900);
    expect(backoffDelay(4, { ...exact, factor: 1 })).toBe(500);
  });

  it("takes off up to `jitter` of the wait at random, never adds to it", () => {
    expect(backoffDelay(1, sdk, lowest)).toBe(500);
    expect(backoffDelay(1, sdk, highest)).toBe(375);
    expect(backoffDelay(1, sdk, () => 0.5)).toBe(438);
    expect(backoffDelay(9, sdk, highest)).toBe(6000);
    expect(backoffDelay(2, { ...sdk, jitter: 1 }, highest)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(2, sdk);
      expect(delay).toBeGreaterThanOrEqual(750);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });

  it("stays a number however large the factor grows", () => {
    expect(backoffDelay(2_000, exact)).toBe(8000);
    expect(backoffDelay(2_000, { ...exact, minDelayMs: 0 })).toBe(0);
  });
});

describe("retryDelay", () => {
  it("is the backoff when the provider gave no retryAfterMs", () => {
    expect(retryDelay(undefined, 2, exact)).toBe(1000);
  });

  it("waits at least retryAfterMs, never cut short by jitter", () => {
    expect(retryDelay(3_000, 1, sdk, highest)).toBe(3000);
    expect(retryDelay(100, 3, exact)).toBe(2000);
    expect(retryDelay(1_234.5, 1, exact)).toBe(1235);
    expect(retryDelay(8_000, 1, sdk, highest)).toBe(8000);
  });

  it("is undefined (no retry) when the provider asks for longer than maxDelayMs", () => {
    expect(retryDelay(8_001, 1, sdk)).toBeUndefined();
    expect(retryDelay(15 * 60_000, 1, sdk)).toBeUndefined();
    expect(retryDelay(Number.POSITIVE_INFINITY, 1, sdk)).toBeUndefined();
  });

  it("ignores a retryAfterMs no provider sends", () => {
    expect(retryDelay(-5, 1, exact)).toBe(500);
    expect(retryDelay(Number.NaN, 1, exact)).toBe(500);
  });
});
