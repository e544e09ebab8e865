import { describe, expect, it } from "vitest";
import type { HttpTransport, TransportOptions } from "../types/http-transport.js";
import { TransportSet } from "./transport-set.js";

function factory(): { made: TransportOptions[]; closed: number; make: (options: TransportOptions) => HttpTransport } {
  const record = {
    made: [] as TransportOptions[],
    closed: 0,
    make: (options: TransportOptions): HttpTransport => {
      record.made.push(options);
      return { fetch: () => Promise.resolve(undefined), close: () => Promise.resolve(void (record.closed += 1)) };
    },
  };
  return record;
}

describe("TransportSet", () => {
  it("shares one transport between providers with the same settings, in whatever key order", () => {
    const f = factory();
    const set = new TransportSet(f.make);
    const a = set.for({ keepAliveMs: 1000, connections: 4 }, undefined);
    const b = set.for(undefined, { connections: 4, keepAliveMs: 1000 });
    expect(a).toBe(b);
    expect(set.for(undefined, undefined)).not.toBe(a);
    expect(f.made).toEqual([{ keepAliveMs: 1000, connections: 4 }, {}]);
  });

  it("a provider's settings go over the client's; false turns it off, unless the provider's own settings turn it on", () => {
    const f = factory();
    const set = new TransportSet(f.make);
    set.for({ keepAliveMs: 1000, allowH2: true }, { keepAliveMs: 5 });
    expect(f.made).toEqual([{ keepAliveMs: 5, allowH2: true }]);
    expect(set.for({ keepAliveMs: 1000 }, false)).toBeUndefined();
    expect(set.for(false, undefined)).toBeUndefined();
    expect(set.for(false, { connections: 2 })).toBeDefined();
  });

  it("without a factory (a runtime with none) gives none; close() closes every transport made", async () => {
    expect(new TransportSet(undefined).for(undefined, undefined)).toBeUndefined();
    const f = factory();
    const set = new TransportSet(f.make);
    set.for(undefined, undefined);
    set.for({ connections: 1 }, undefined);
    await set.close();
    expect(f.closed).toBe(2);
  });
});
