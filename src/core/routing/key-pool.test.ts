import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError } from "../errors/authentication-error.js";
import { ConfigError } from "../errors/config-error.js";
import { RateLimitError } from "../errors/rate-limit-error.js";
import { KeyPool } from "./key-pool.js";

const pool = (keys: readonly string[] | (() => Promise<string | string[]>), rotation: "round-robin" | "least-used" = "round-robin", ttlMs = 60_000): KeyPool =>
  new KeyPool({ provider: "openai", keys, rotation, ttlMs });
const unauthorized = (): AuthenticationError => new AuthenticationError("no", { status: 401, provider: "openai" });

afterEach(() => vi.useRealTimers());

describe("KeyPool", () => {
  it("takes keys in turn", () => {
    const p = pool(["a", "b", "c"]);
    expect([p.next(), p.next(), p.next(), p.next()]).toEqual([0, 1, 2, 0]);
  });

  it("a 401/403 disables a key of a pool; once all are, a clear error", () => {
    const p = pool(["a", "b"]);
    expect(p.report(0, unauthorized())).toEqual({ keyIndex: 0, status: 401, keysLeft: 1 });
    expect([p.next(), p.next()]).toEqual([1, 1]);
    expect(p.spare()).toBe(true);
    p.report(1, new AuthenticationError("no", { status: 403 }));
    expect(p.spare()).toBe(false);
    expect(() => p.next()).toThrow(/Every key of provider "openai" \(2\) was rejected/);
  });

  it("a single key is never disabled", () => {
    const p = pool(["a"]);
    expect(p.report(0, unauthorized())).toBeUndefined();
    expect(p.next()).toBe(0);
  });

  it("a 429 rests a key until its retry-after; when all rest, the one free soonest", () => {
    vi.useFakeTimers();
    const p = pool(["a", "b"]);
    p.report(0, new RateLimitError("slow", { status: 429, retryAfterMs: 5_000 }));
    expect([p.next(), p.next()]).toEqual([1, 1]);
    p.report(1, new RateLimitError("slow", { status: 429, retryAfterMs: 10_000 }));
    expect(p.next()).toBe(0);
    vi.advanceTimersByTime(5_001);
    expect([p.next(), p.next()]).toEqual([0, 0]);
  });

  it("least-used takes the key with the fewest attempts in flight, then the fewest uses", () => {
    const p = pool(["a", "b", "c"], "least-used");
    const first = p.next();
    const end = p.begin(first);
    const second = p.next();
    expect(second).not.toBe(first);
    const endSecond = p.begin(second);
    const third = p.next();
    expect(new Set([first, second, third]).size).toBe(3);
    end();
    endSecond();
  });

  it("a key function is asked once per ttl, again at once after a 401, and its keys are secrets", async () => {
    vi.useFakeTimers();
    let n = 0;
    const p = pool(() => Promise.resolve(`key-${++n}`), "round-robin", 1_000);
    expect(await p.key(p.next())).toBe("key-1");
    expect(p.key(p.next())).toBe("key-1");
    vi.advanceTimersByTime(1_001);
    expect(await p.key(p.next())).toBe("key-2");
    p.report(0, unauthorized(), "key-2");
    expect(p.spare()).toBe(true);
    expect(await p.key(p.next())).toBe("key-3");
    expect(p.secrets()).toEqual(["key-1", "key-2", "key-3"]);
  });

  it("a key function that gives the rejected key again has no spare, and its key is refused unsent", async () => {
    const p = pool(() => Promise.resolve("stale"));
    expect(await p.key(p.next())).toBe("stale");
    p.report(0, unauthorized(), "stale");
    expect(p.spare()).toBe(true);
    await expect(p.key(p.next())).rejects.toMatchObject({ name: "AuthenticationError", code: "all_keys_disabled" });
    expect(p.spare()).toBe(false);
  });

  it("a key function that fails while older keys are at hand: they serve on, with a warning", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let fail = false;
    const p = pool(() => (fail ? Promise.reject(new Error("vault down")) : Promise.resolve("k1")), "round-robin", 1_000);
    expect(await p.key(p.next())).toBe("k1");
    fail = true;
    vi.advanceTimersByTime(1_001);
    expect(await p.key(p.next())).toBe("k1");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain("k1");
    warn.mockRestore();
  });

  it("Gemini's invalid key (a 400 mapped to AuthenticationError) disables a pooled key too", () => {
    const p = pool(["a", "b"]);
    expect(p.report(0, new AuthenticationError("API_KEY_INVALID", { status: 400 }))).toMatchObject({ keyIndex: 0 });
  });

  it("a key function that throws or gives nothing is a ConfigError", async () => {
    await expect(pool(() => Promise.reject(new Error("sealed"))).key(0)).rejects.toThrow(ConfigError);
    await expect(pool(() => Promise.resolve([])).key(0)).rejects.toThrow(/non-empty string/);
  });
});
