import { afterEach, describe, expect, it, vi } from "vitest";
import { CallTimeline } from "./call-timeline.js";

afterEach(() => vi.restoreAllMocks());

const at = (ms: number): void => void vi.spyOn(performance, "now").mockReturnValue(ms);
const sum = (t: ReturnType<CallTimeline["timings"]>): number => t.queuedMs + t.backoffMs + t.cacheMs + t.providerMs + t.overheadMs;

describe("CallTimeline", () => {
  it("one stretch with the provider; the rest is overhead", () => {
    const timeline = new CallTimeline();
    timeline.provider(10).end = 90;
    expect(timeline.timings(0, 100)).toEqual({ queuedMs: 0, backoffMs: 0, cacheMs: 0, providerMs: 80, overheadMs: 20 });
  });

  it("overlapping attempts (a hedge) count once, and one still running counts until the end", () => {
    const timeline = new CallTimeline();
    timeline.provider(0).end = 150;
    timeline.provider(100); // the loser, still with its provider when the call ends
    const t = timeline.timings(0, 200);
    expect(t.providerMs).toBe(200);
    expect(sum(t)).toBe(200);
  });

  it("a wait beside a provider's stretch (a hedge queued in the limiter) is not counted twice: the parts add up", () => {
    const timeline = new CallTimeline();
    timeline.provider(0).end = 300;
    at(300);
    timeline.waited("queue", 250); // 50 → 300, all beside the provider
    at(400);
    timeline.waited("backoff", 50); // 350 → 400
    const t = timeline.timings(0, 400);
    expect(t).toEqual({ queuedMs: 0, backoffMs: 50, cacheMs: 0, providerMs: 300, overheadMs: 50 });
    expect(sum(t)).toBe(400);
  });

  it("pulls of a stream right after one another are one stretch; the consumer's time between them is not the provider's", () => {
    const timeline = new CallTimeline();
    timeline.provider(0).end = 10;
    timeline.provider(10.05).end = 20; // joined
    timeline.provider(60).end = 70; // after the consumer took 40 ms
    const t = timeline.timings(0, 80);
    expect(t.providerMs).toBe(30);
    expect(t.overheadMs).toBe(50);
  });
});
