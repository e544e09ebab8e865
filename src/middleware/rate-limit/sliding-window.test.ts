import { describe, expect, it } from "vitest";
import { SlidingWindow } from "./sliding-window.js";

describe("SlidingWindow", () => {
  it("counts a hold from when it is taken, and a sent one for one window from when it was sent", () => {
    const window = new SlidingWindow(1_000);
    const hold = window.take(3);
    expect(window.used(0)).toBe(3);
    window.send(hold, 100);
    expect(window.used(1_099)).toBe(3);
    expect(window.nextExpiry(500)).toBe(1_100);
    expect(window.used(1_100)).toBe(0);
    expect(window.nextExpiry(1_100)).toBe(Infinity);
  });

  it("expires sent holds in the order they were sent", () => {
    const window = new SlidingWindow(1_000);
    for (let t = 0; t < 5; t++) window.send(window.take(t + 1), t * 100);
    expect(window.used(1_150)).toBe(3 + 4 + 5);
    expect(window.nextExpiry(1_150)).toBe(1_200);
  });

  it("settles a hold to its real weight before and after it is sent, and not once it has expired", () => {
    const window = new SlidingWindow(1_000);
    const early = window.take(100);
    window.resize(early, 40, 0);
    expect(window.used(0)).toBe(40);
    window.send(early, 0);
    const late = window.take(100);
    window.send(late, 500);
    window.resize(late, 10, 600);
    expect(window.used(600)).toBe(50);
    expect(window.used(1_000)).toBe(10);
    window.resize(early, 999, 1_000);
    expect(window.used(1_000)).toBe(10);
    expect(window.used(1_500)).toBe(0);
  });

  it("gives back a hold never sent, once; a sent hold is not given back", () => {
    const window = new SlidingWindow(1_000);
    const unsent = window.take(5);
    const sent = window.take(7);
    window.send(sent, 0);
    window.release(unsent);
    window.release(unsent);
    window.release(sent);
    expect(window.used(0)).toBe(7);
    window.send(unsent, 0);
    expect(window.used(0)).toBe(7);
  });

  it("keeps every hold and its place while it grows past its first room, with holds expiring as it goes", () => {
    const window = new SlidingWindow(1_000);
    const holds = [];
    // 3000 sends over 1.5 windows: the ring grows several times while its front moves on.
    for (let i = 0; i < 3_000; i++) {
      const hold = window.take(2);
      window.send(hold, i / 2);
      holds.push(hold);
    }
    // Sent at i/2 ms, each counts until i/2 + 1000: at 1499.5 those from i = 1000 on.
    expect(window.used(1_499.5)).toBe(2 * 2_000);
    expect(window.nextExpiry(1_499.5)).toBe(1_500);
    // Holds far from their first place in the ring settle where they are; an expired one not at all.
    window.resize(holds.at(-1)!, 1, 1_499.5);
    window.resize(holds[2_000]!, 0, 1_499.5);
    window.resize(holds[10]!, 50, 1_499.5);
    expect(window.used(1_499.5)).toBe(2 * 2_000 - 1 - 2);
    expect(window.used(2_499.5)).toBe(0);
  });
});
