import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveTimeoutOptions } from "./resolve-timeout-options.js";

function configError(options: unknown): ConfigError {
  try {
    resolveTimeoutOptions(options);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveTimeoutOptions", () => {
  it("takes each limit alone or all together, named timeout unless told", () => {
    expect(resolveTimeoutOptions({ totalMs: 1000 })).toEqual({ name: "timeout", totalMs: 1000 });
    expect(resolveTimeoutOptions({ firstTokenMs: 0.5 })).toEqual({ name: "timeout", firstTokenMs: 0.5 });
    expect(resolveTimeoutOptions({ idleMs: 2000, name: "stall" })).toEqual({ name: "stall", idleMs: 2000 });
    expect(resolveTimeoutOptions({ totalMs: 3, firstTokenMs: 2, idleMs: 1, name: undefined })).toEqual({ name: "timeout", totalMs: 3, firstTokenMs: 2, idleMs: 1 });
  });

  it.each([{}, { name: "t" }, { totalMs: undefined }])("asks for at least one limit: %o", (options) => {
    expect(configError(options).message).toBe("timeout: set at least one of totalMs, firstTokenMs and idleMs (milliseconds), such as timeout({ totalMs: 30_000 })");
  });

  it.each([undefined, null, 5000, "5000", [1000]])("wants an object: %o", (options) => {
    expect(configError(options).message).toMatch(/^timeout: options must be an object such as \{ totalMs: 30_000 \}, got /);
  });

  it.each([
    ["totalMs", 0, "0"],
    ["totalMs", -1, "-1"],
    ["firstTokenMs", Number.NaN, "NaN"],
    ["idleMs", Number.POSITIVE_INFINITY, "Infinity"],
    ["idleMs", "500", '"500"'],
    ["totalMs", null, "null"],
    ["firstTokenMs", { ms: 1 }, "a object"],
  ] as const)("%s: %o is not a positive finite number", (option, value, shown) => {
    const error = configError({ [option]: value });
    expect(error.path).toBe(option);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`timeout: ${option} must be a positive, finite number of milliseconds (such as 30_000), or left out; got ${shown}`);
  });

  it.each([
    ["totlMs", "totalMs"],
    ["TotalMS", "totalMs"],
    ["idleTimeoutMs", undefined],
    ["timeoutMs", "totalMs"],
    ["ttfbMs", "firstTokenMs"],
    ["firstTokenMS", "firstTokenMs"],
    ["nmae", "name"],
  ])("an unknown option %s fails, naming it and what it may have meant", (key, meant) => {
    const error = configError({ totalMs: 1000, [key]: 1 });
    expect(error.path).toBe(key);
    const hint = meant ? `did you mean "${meant}"? ` : "";
    expect(error.message).toBe(`timeout: unknown option "${key}" (${hint}the options are totalMs, firstTokenMs, idleMs, name)`);
  });

  it.each(["", 7])("a name must be a non-empty string: %o", (name) => {
    expect(configError({ totalMs: 1, name })).toMatchObject({ path: "name", message: expect.stringMatching(/^timeout: name must be a non-empty string/) as unknown });
  });
});
