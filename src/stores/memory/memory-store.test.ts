import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { memoryStore } from "./memory-store.js";

describe("memoryStore", () => {
  it("gets what was set, replaces it, and forgets it on delete", async () => {
    const store = memoryStore();
    expect(store.name).toBe("memory");
    expect(await store.get("k")).toBeUndefined();
    await store.set("k", "one", 60_000);
    expect(await store.get("k")).toBe("one");
    await store.set("k", "two", 60_000);
    expect(await store.get("k")).toBe("two");
    expect(store.size).toBe(1);
    await store.delete("k");
    expect(await store.get("k")).toBeUndefined();
    await store.delete("never-set");
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it("counts two bytes per UTF-16 code unit of key and value", async () => {
    const store = memoryStore();
    await store.set("key", "value", 60_000);
    expect(store.bytes).toBe(2 * ("key".length + "value".length));
    await store.set("", "", 60_000);
    expect(await store.get("")).toBe("");
    expect(store.bytes).toBe(17);
  });

  describe("TTL", () => {
    // lru-cache keeps the `performance` object it found at import, so vi.useFakeTimers() (which
    // swaps the global) does not reach it; its `now` method can be replaced, though. The clock
    // starts above 0: lru-cache reads a start time of 0 as "no TTL".
    let now = 1_000;
    const advance = (ms: number): void => {
      now += ms;
    };
    beforeEach(() => {
      vi.spyOn(performance, "now").mockImplementation(() => now);
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("expires an entry after its own TTL", async () => {
      const store = memoryStore();
      await store.set("short", "s", 100);
      await store.set("long", "l", 10_000);
      advance(99);
      expect(await store.get("short")).toBe("s");
      advance(2);
      expect(await store.get("short")).toBeUndefined();
      expect(await store.get("long")).toBe("l");
      advance(10_000);
      expect(await store.get("long")).toBeUndefined();
      expect(store.size).toBe(0);
    });

    it("restarts the TTL when a key is set again", async () => {
      const store = memoryStore();
      await store.set("k", "a", 100);
      advance(80);
      await store.set("k", "b", 100);
      advance(80);
      expect(await store.get("k")).toBe("b");
    });

    it("stores nothing for a TTL that is not positive, and drops what was there", async () => {
      const store = memoryStore();
      await store.set("k", "a", 60_000);
      await store.set("k", "b", 0);
      expect(await store.get("k")).toBeUndefined();
      await store.set("k", "c", -5);
      await store.set("k", "d", Number.NaN);
      expect(await store.get("k")).toBeUndefined();
      expect(store.size).toBe(0);
    });
  });

  it("evicts the least recently used entry past maxEntries", async () => {
    const store = memoryStore({ maxEntries: 3 });
    await store.set("a", "1", 60_000);
    await store.set("b", "2", 60_000);
    await store.set("c", "3", 60_000);
    await store.get("a"); // now b is the least recently used
    await store.set("d", "4", 60_000);
    expect(store.size).toBe(3);
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBe("1");
    expect(await store.get("c")).toBe("3");
    expect(await store.get("d")).toBe("4");
  });

  it("never holds more than maxBytes, however many entries come", async () => {
    const maxBytes = 1024 * 1024;
    const store = memoryStore({ maxEntries: 1_000_000, maxBytes });
    const filler = "x".repeat(190);
    const entryBytes = 2 * (`key-${99_999}`.length + filler.length + 5);
    for (let i = 0; i < 100_000; i++) {
      await store.set(`key-${i}`, `${filler}${String(i).padStart(5, "0")}`, 60_000);
      if (i % 10_000 === 0) expect(store.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(store.bytes).toBeLessThanOrEqual(maxBytes);
    expect(store.bytes).toBeGreaterThan(maxBytes - 2 * entryBytes);
    expect(store.size).toBeLessThanOrEqual(Math.ceil(maxBytes / (entryBytes - 10)));
    // The newest entries are the ones kept.
    expect(await store.get("key-99999")).toBe(`${filler}99999`);
    expect(await store.get("key-0")).toBeUndefined();
  });

  it("does not store a value larger than maxBytes, and does not throw", async () => {
    const store = memoryStore({ maxBytes: 1_000 });
    await store.set("small", "s", 60_000);
    await store.set("big", "x".repeat(600), 60_000);
    expect(await store.get("big")).toBeUndefined();
    expect(await store.get("small")).toBe("s");
    // Replacing a value with one that does not fit leaves no stale value behind.
    await store.set("small", "x".repeat(600), 60_000);
    expect(await store.get("small")).toBeUndefined();
    expect(store.bytes).toBe(0);
  });

  it("rejects bounds that are not positive integers", () => {
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(/maxEntries must be a positive integer, got 0/);
    expect(() => memoryStore({ maxBytes: 1.5 })).toThrow(/maxBytes must be a positive integer/);
    expect(() => memoryStore({ maxBytes: Number.POSITIVE_INFINITY })).toThrow(/maxBytes/);
  });
});
