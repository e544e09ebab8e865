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
