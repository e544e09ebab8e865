import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { ProviderResult } from "../types/provider-adapter.js";
import { completeMeta, finalizeResponse } from "./finalize-response.js";

const result: ProviderResult = {
  id: "r1",
  model: "m-2026",
  text: "Hi",
  toolCalls: [{ name: "f", argumentsText: '{"a":1}', providerMetadata: { google: { thoughtSignature: "s" } } }],
  finishReason: "tool_calls",
  rawFinishReason: "STOP",
  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
  raw: { any: "thing" },
  requestId: "req_1",
};
const request = { model: "p/m", messages: [{ role: "user" as const, content: "x" }] };

describe("finalizeResponse", () => {
  it("builds the public response and the assistant message for the next turn", async () => {
    const res = await finalizeResponse(result, "google", request);
    expect(res).toEqual({
      id: "r1",
      provider: "google",
      model: "m-2026",
      text: "Hi",
      toolCalls: [{ id: expect.stringMatching(/^call_/) as string, name: "f", arguments: { a: 1 }, argumentsText: '{"a":1}', providerMetadata: { google: { thoughtSignature: "s" } } }],
      finishReason: "tool_calls",
      rawFinishReason: "STOP",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      meta: { cached: false, attempts: [], latencyMs: 0, warnings: [], requestId: "req_1" },
      message: { role: "assistant", content: "Hi", toolCalls: res.toolCalls },
      raw: { any: "thing" },
    });
  });

  it("parses rate limits on first read only, and then as a plain value", async () => {
    let parses = 0;
    const res = await finalizeResponse({ ...result, rateLimit: () => (parses++, { requests: { remaining: 5 } }) }, "p", request);
    expect(parses).toBe(0);
    expect(res.meta.rateLimit).toEqual({ requests: { remaining: 5 } });
    expect(res.meta.rateLimit).toEqual({ requests: { remaining: 5 } });
    expect(parses).toBe(1);
    expect(JSON.parse(JSON.stringify(res.meta))).toMatchObject({ rateLimit: { requests: { remaining: 5 } } });
    expect({ ...res.meta }.rateLimit).toEqual({ requests: { remaining: 5 } });
  });

});

describe("completeMeta", () => {
  const attempt = { number: 1, id: "a1", target: { provider: "p", model: "m", keyIndex: 0 }, durationMs: 3 };

  it("builds a new meta with the call's values and leaves the one given untouched", async () => {
    const res = await finalizeResponse(result, "p", request);
    const before = { ...res.meta };
    const meta = completeMeta(res.meta, [attempt], 12, 5);
    expect(meta).toMatchObject({ attempts: [attempt], latencyMs: 12, timeToFirstTokenMs: 5, requestId: "req_1", cached: false });
    expect(res.meta).toEqual(before);
    expect(res.meta.attempts).toEqual([]);
  });

  it("keeps rate limits lazy: parsed once, on first read, for the original and its copies alike", async () => {
    let parses = 0;
    const res = await finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: ++parses } }) }, "p", request);
    const meta = completeMeta(res.meta, [], 1, undefined, { queuedMs: 0, backoffMs: 0, cacheMs: 0, providerMs: 1, overheadMs: 0 });
    const again = completeMeta(meta, [], 2, 3);
    expect(parses).toBe(0);
    expect(again).toMatchObject({ latencyMs: 2, timeToFirstTokenMs: 3, timings: { providerMs: 1 }, requestId: res.meta.requestId });
    expect(again.rateLimit?.requests?.remaining).toBe(1);
    expect(meta.rateLimit?.requests?.remaining).toBe(1);
    expect(res.meta.rateLimit?.requests?.remaining).toBe(1);
    expect({ ...again }.rateLimit).toEqual({ requests: { remaining: 1 } });
    expect(parses).toBe(1);
    expect(Object.getOwnPropertyDescriptor(again, "rateLimit")).toHaveProperty("get");
  });

  it("gives every lazy meta, and every copy of one, the same getter: one hidden class for all of them, not one per response", async () => {
    const one = await finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: 1 } }) }, "p", request);
    const two = await finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: 2 } }) }, "p", request);
    const copy = completeMeta(two.meta, [], 1, undefined);
    const getter = (meta: object): unknown => Reflect.getOwnPropertyDescriptor(meta, "rateLimit")?.get as unknown;
    expect(getter(one.meta)).toBeTypeOf("function");
    expect(getter(two.meta)).toBe(getter(one.meta));
    expect(getter(copy)).toBe(getter(one.meta));
    expect([one.meta.rateLimit?.requests?.remaining, two.meta.rateLimit?.requests?.remaining, copy.rateLimit?.requests?.remaining]).toEqual([1, 2, 2]);
  });

  it("keeps its reader where no JSON, key list, inspection or matcher sees it", async () => {
    const res = await finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: 5 } }) }, "p", request);
    const meta = completeMeta(res.meta, [], 1, undefined);
    for (const m of [res.meta, meta]) {
      expect(Object.getOwnPropertySymbols(m).filter((key) => Object.prototype.propertyIsEnumerable.call(m, key))).toEqual([]);
      expect(inspect(m)).not.toContain("Symbol");
      expect(Object.getOwnPropertySymbols({ ...m })).toEqual([]);
    }
    expect(meta).toEqual({ cached: false, attempts: [], latencyMs: 1, warnings: [], requestId: "req_1", rateLimit: { requests: { remaining: 5 } } });
  });

  it("keeps what a middleware did to the field on the meta itself: deleted, or redefined", async () => {
    const make = async (): Promise<Awaited<ReturnType<typeof finalizeResponse>>> => finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: 5 } }) }, "p", request);
    const deleted = await make();
    delete (deleted.meta as { rateLimit?: unknown }).rateLimit;
    expect(completeMeta(deleted.meta, [], 1, undefined).rateLimit).toBeUndefined();
    const redefined = await make();
    Object.defineProperty(redefined.meta, "rateLimit", { value: { requests: { remaining: 0 } }, enumerable: true });
    expect(completeMeta(redefined.meta, [], 1, undefined).rateLimit).toEqual({ requests: { remaining: 0 } });
  });

  it("keeps the rate limits a middleware set on a spread copy of the meta, not the original's", async () => {
    const res = await finalizeResponse({ ...result, rateLimit: () => ({ requests: { remaining: 5 } }) }, "p", request);
    const own = { ...res.meta, rateLimit: { requests: { remaining: 0 } } };
    const meta = completeMeta(own, [], 1, undefined);
    expect(meta.rateLimit).toEqual({ requests: { remaining: 0 } });
    expect(JSON.parse(JSON.stringify(meta))).toMatchObject({ rateLimit: { requests: { remaining: 0 } } });
  });

  it("a copy keeps a field beyond the contract that a middleware put on the meta", async () => {
    const res = await finalizeResponse({ ...result, rateLimit: () => undefined }, "p", request);
    const own = Object.assign(Object.create(null) as object, { ...res.meta, mine: 1 }) as typeof res.meta;
    Object.defineProperty(own, "rateLimit", { get: () => undefined, enumerable: true });
    expect((completeMeta(own, [], 1, undefined) as unknown as { mine: number }).mine).toBe(1);
  });

  it("copies a meta a middleware built (no getter) with every field it has", () => {
    const meta = completeMeta({ cached: true, attempts: [], latencyMs: 0, warnings: [], requestId: "r" }, [], 2, undefined);
    expect(meta).toEqual({ cached: true, attempts: [], latencyMs: 2, warnings: [], requestId: "r" });
  });
});
