import { describe, expect, it } from "vitest";
import { goDuration, retryAfterSeconds } from "./format-duration.js";

describe("durations", () => {
  it("writes Go durations like OpenAI's reset headers", () => {
    expect(goDuration(0)).toBe("0s");
    expect(goDuration(12)).toBe("12ms");
    expect(goDuration(1000)).toBe("1s");
    expect(goDuration(18_642)).toBe("18.642s");
    expect(goDuration(360_000)).toBe("6m0s");
    expect(goDuration(3_600_000)).toBe("1h0m0s");
  });

  it("rounds retry-after up to whole seconds, at least 1", () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(2001)).toBe(3);
  });
});
