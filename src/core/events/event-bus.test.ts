import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClientEvent } from "../types/client-event.js";
import { EventBus } from "./event-bus.js";

const event: ClientEvent = { type: "hedge", callId: "c1", target: { provider: "openai", model: "m" }, afterMs: 50 };

afterEach(() => vi.restoreAllMocks());

describe("EventBus", () => {
  it("delivers after the emitting step, to listeners of that type only", async () => {
    const bus = new EventBus();
    const got: ClientEvent[] = [];
    const other = vi.fn();
    bus.on("hedge", (e) => got.push(e));
    bus.on("fallback", other);
    bus.emit(event);
    expect(got).toEqual([]);
    await Promise.resolve();
    // Not even in a microtask: in a task of its own, after the caller has moved on.
    expect(got).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([event]);
    expect(other).not.toHaveBeenCalled();
  });

  it("a listener that throws or rejects is reported once and never stops the others", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const bus = new EventBus();
    const got: string[] = [];
    bus.on("hedge", () => {
      throw new Error("listener bug");
    });
    bus.on("hedge", () => Promise.reject(new Error("async bug")) as never);
    bus.on("hedge", () => void got.push("ok"));
    bus.emit(event);
    bus.emit(event);
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual(["ok", "ok"]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it("a listener removed before delivery gets nothing, even of events emitted while it was there", async () => {
    const bus = new EventBus();
    const late = vi.fn();
    const off = bus.on("hedge", late);
    bus.on("hedge", () => off());
    bus.emit(event);
    bus.emit(event);
    await new Promise((r) => setTimeout(r, 0));
    // The first listener ran for the first event, then the second removed it.
    expect(late).toHaveBeenCalledTimes(1);
  });

  it("the function on() returns removes the listener", async () => {
    const bus = new EventBus();
    const listener = vi.fn();
    const off = bus.on("hedge", listener);
    off();
    bus.emit(event);
    await new Promise((r) => setTimeout(r, 0));
    expect(listener).not.toHaveBeenCalled();
    expect(bus.wants("hedge")).toBe(false);
  });
});
