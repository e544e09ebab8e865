import { describe, expect, it } from "vitest";
import { linkedAbortController } from "./linked-abort-controller.js";

describe("linkedAbortController", () => {
  it("follows the parent signal, with its reason", () => {
    const parent = new AbortController();
    const linked = linkedAbortController(parent.signal);
    parent.abort("stop");
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe("stop");
  });

  it("starts aborted when the parent already is", () => {
    expect(linkedAbortController(AbortSignal.abort()).signal.aborted).toBe(true);
  });

  it("aborts on its own without touching the parent", () => {
    const parent = new AbortController();
    const linked = linkedAbortController(parent.signal);
    linked.abort();
    expect(linked.signal.aborted).toBe(true);
    expect(parent.signal.aborted).toBe(false);
  });

  it("stops following the parent once disposed", () => {
    const parent = new AbortController();
    const linked = linkedAbortController(parent.signal);
    linked.dispose();
    parent.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});

describe("linkedAbortController with several signals", () => {
  it("follows each of them, and one added later", () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedAbortController(a.signal, undefined);
    linked.follow(b.signal);
    b.abort("b");
    expect(linked.signal.reason).toBe("b");
    expect(a.signal.aborted).toBe(false);
  });

  it("aborts at once when it follows a signal that already is", () => {
    const linked = linkedAbortController();
    linked.follow(AbortSignal.abort("late"));
    expect(linked.signal.reason).toBe("late");
  });

  it("removes its listeners from every signal on dispose", () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedAbortController(a.signal);
    linked.follow(b.signal);
    linked.dispose();
    a.abort();
    b.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});

describe("linkedAbortController.unfollow", () => {
  it("stops following one signal and keeps the others", () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkedAbortController(a.signal, b.signal);
    linked.unfollow(a.signal);
    a.abort();
    expect(linked.signal.aborted).toBe(false);
    b.abort("b");
    expect(linked.signal.reason).toBe("b");
  });
});
