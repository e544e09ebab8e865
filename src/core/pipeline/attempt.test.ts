import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { CallState, type CallRouting } from "./call-state.js";

const routing: CallRouting = {
  resolve: () => {
    throw new Error("not used");
  },
  chooseKey: () => 0,
  emit: () => undefined,
  keyReady: () => false,
  estimateCost: () => undefined,
};
const route = { provider: "openai", model: "gpt-4o-mini" };

describe("an attempt's own signal", () => {
  it("in a call core owns the controller of (a stream), aborts with the call, without a listener on the call's signal", () => {
    const owner = new AbortController();
    const call = new CallState("stream", undefined, routing, owner);
    const attempt = call.startAttempt(route, []);
    const cancel = attempt.abortable();
    expect(getEventListeners(owner.signal, "abort")).toHaveLength(0);
    call.abort("stop");
    expect(owner.signal.reason).toBe("stop");
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("stop");
    // Cancelling it afterwards changes nothing: the call's reason stands.
    cancel("late");
    expect(attempt.signal.reason).toBe("stop");
  });

  it("made after such a call was aborted starts aborted, with the call's reason", () => {
    const owner = new AbortController();
    const call = new CallState("stream", undefined, routing, owner);
    call.abort("gone");
    const attempt = call.startAttempt(route, []);
    expect(attempt.signal.reason).toBe("gone");
  });

  it("cancelled alone leaves the call and its other attempts running", () => {
    const owner = new AbortController();
    const call = new CallState("stream", undefined, routing, owner);
    const first = call.startAttempt(route, []);
    const second = call.startAttempt(route, []);
    first.abortable()("timeout");
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    expect(owner.signal.aborted).toBe(false);
    expect(first.cancelledAlone()).toEqual({ reason: "timeout" });
  });

  it("in a chat follows the caller's signal, and lets go of it when the call is over", () => {
    const caller = new AbortController();
    const call = new CallState("chat", caller.signal, routing);
    const attempt = call.startAttempt(route, []);
    expect(attempt.signal.aborted).toBe(false);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
    attempt.record({ durationMs: 1 });
    call.dispose();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    caller.abort("after");
    expect(attempt.signal.aborted).toBe(false);
  });

  it("a call whose abort is not core's to make (a chat) does not abort through the call", () => {
    const caller = new AbortController();
    const call = new CallState("chat", caller.signal, routing);
    call.abort("no");
    expect(caller.signal.aborted).toBe(false);
  });
});
