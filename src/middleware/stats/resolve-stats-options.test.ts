import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveStatsOptions } from "./resolve-stats-options.js";

describe("resolveStatsOptions", () => {
  it("fills in the defaults", () => {
    expect(resolveStatsOptions()).toEqual({ name: "stats", maxTargets: 256, windowSize: 1024 });
    expect(resolveStatsOptions({ maxTargets: 8, windowSize: 16, name: "s" })).toEqual({ name: "s", maxTargets: 8, windowSize: 16 });
  });

  it.each([
    [{ maxTarget: 3 }, /unknown option "maxTarget"/],
    [{ maxTargets: 0 }, /maxTargets must be a whole number ≥ 1, got 0/],
    [{ windowSize: 1.5 }, /windowSize must be a whole number ≥ 1, got 1.5/],
    [{ name: "" }, /name must be a non-empty string/],
    ["stats", /options must be an object, got a string/],
  ])("rejects %j", (options, message) => {
    expect(() => resolveStatsOptions(options)).toThrow(ConfigError);
    expect(() => resolveStatsOptions(options)).toThrow(message);
  });
});
