import { describe, expect, it, vi } from "vitest";
import { SdkClientCache } from "./sdk-client-cache.js";

describe("SdkClientCache", () => {
  it("creates one client per key, undefined included", async () => {
    const cache = new SdkClientCache<{ key: string | undefined }>();
    const create = vi.fn((key: string | undefined) => Promise.resolve({ key }));
    const [a, b, c, d] = await Promise.all([
      cache.get("k1", () => create("k1")),
      cache.get("k1", () => create("k1")),
      cache.get("k2", () => create("k2")),
      cache.get(undefined, () => create(undefined)),
    ]);
    expect(a).toBe(b);
    expect([a, c, d]).toEqual([{ key: "k1" }, { key: "k2" }, { key: undefined }]);
    expect(create).toHaveBeenCalledTimes(3);
  });

  it("keeps at most 32 clients, the oldest going first (rotating keys do not pile up)", async () => {
    const cache = new SdkClientCache<string>();
    for (let i = 0; i < 40; i++) await cache.get(`k${i}`, () => Promise.resolve(`client ${i}`));
    expect(cache.ready("k0")).toBeUndefined();
    expect(cache.ready("k7")).toBeUndefined();
    expect(cache.ready("k8")).toBe("client 8");
    expect(cache.ready("k39")).toBe("client 39");
  });

  it("forgets a failed creation so the next call tries again", async () => {
    const cache = new SdkClientCache<string>();
    await expect(cache.get("k", () => Promise.reject(new Error("not installed")))).rejects.toThrow("not installed");
    await expect(cache.get("k", () => Promise.resolve("client"))).resolves.toBe("client");
  });
});

describe("SdkClientCache.ready", () => {
  it("hands out a created client synchronously, and nothing before", async () => {
    const cache = new SdkClientCache<string>();
    expect(cache.ready("k")).toBeUndefined();
    const pending = cache.get("k", () => Promise.resolve("client"));
    expect(cache.ready("k")).toBeUndefined();
    await pending;
    expect(cache.ready("k")).toBe("client");
  });
});
