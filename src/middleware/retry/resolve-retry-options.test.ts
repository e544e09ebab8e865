import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveRetryOptions } from "./resolve-retry-options.js";
import type { RetryOptions } from "./retry-options.js";

function configError(options: unknown): ConfigError {
  try {
    resolveRetryOptions(options as RetryOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("no ConfigError");
}

describe("resolveRetryOptions", () => {
  it("defaults to the SDKs' policy: 2 retries, 0.5 s · 2^n capped at 8 s, 25 % jitter, no time bound", () => {
    expect(resolveRetryOptions(undefined)).toEqual({
      name: "retry",
      retries: 2,
      minDelayMs: 500,
      maxDelayMs: 8000,
      factor: 2,
      jitter: 0.25,
      maxElapsedMs: Number.POSITIVE_INFINITY,
      shouldRetry: undefined,
      onRetry: undefined,
    });
    expect(resolveRetryOptions({})).toEqual(resolveRetryOptions(undefined));
  });

  it("keeps what is given", () => {
    const onRetry = (): void => undefined;
    const resolved = resolveRetryOptions({ retries: 5, minDelayMs: 0, maxDelayMs: 100, factor: 1, jitter: 1, maxElapsedMs: 1000, onRetry, name: "r" });
    expect(resolved).toMatchObject({ retries: 5, minDelayMs: 0, maxDelayMs: 100, factor: 1, jitter: 1, maxElapsedMs: 1000, onRetry, name: "r" });
  });

  it.each([
    [{ retries: -1 }, "retries", /retries must be a whole number ≥ 0 \(0 turns retrying off\), got -1/],
    [{ retries: 1.5 }, "retries", /got 1.5/],
    [{ retries: Number.NaN }, "retries", /got NaN/],
    [{ retries: "3" }, "retries", /got "3"/],
    [{ retries: Number.POSITIVE_INFINITY }, "retries", /Infinity needs a finite maxElapsedMs/],
    [{ minDelayMs: -1 }, "minDelayMs", /minDelayMs must be a finite number of milliseconds ≥ 0, got -1/],
    [{ minDelayMs: Number.POSITIVE_INFINITY }, "minDelayMs", /got Infinity/],
    [{ maxDelayMs: Number.NaN }, "maxDelayMs", /maxDelayMs must be a finite/],
    [{ minDelayMs: 10_000 }, "minDelayMs", /minDelayMs \(10000\) must not exceed maxDelayMs \(8000\); raise maxDelayMs or lower minDelayMs/],
    [{ factor: 0.5 }, "factor", /factor must be a finite number ≥ 1/],
    [{ factor: Number.POSITIVE_INFINITY }, "factor", /got Infinity/],
    [{ jitter: 1.5 }, "jitter", /jitter must be a fraction from 0 \(none\) to 1 \(full\), got 1.5/],
    [{ jitter: -0.1 }, "jitter", /got -0.1/],
    [{ jitter: "full" }, "jitter", /got "full"/],
    [{ maxElapsedMs: 0 }, "maxElapsedMs", /maxElapsedMs must be a positive number of milliseconds or Infinity, got 0/],
    [{ shouldRetry: true }, "shouldRetry", /shouldRetry must be a function, got true/],
    [{ onRetry: "log" }, "onRetry", /onRetry must be a function, got "log"/],
    [{ name: "" }, "name", /name must be a non-empty string/],
    [{ retry: 3 }, "retry", /unknown option "retry" \(did you mean "retries"\?\); the options are retries, minDelayMs, maxDelayMs, factor, jitter, maxElapsedMs, shouldRetry, onRetry, name/],
    [{ maxRetries: 3 }, "maxRetries", /unknown option "maxRetries"/],
  ])("%j is a ConfigError naming %s", (options, path, message) => {
    const error = configError(options);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/^retry: /);
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
  });

  it("retries: Infinity is fine with a finite maxElapsedMs", () => {
    expect(resolveRetryOptions({ retries: Number.POSITIVE_INFINITY, maxElapsedMs: 30_000 }).retries).toBe(Number.POSITIVE_INFINITY);
  });

  it("options that are not an object are a ConfigError", () => {
    expect(configError(null).message).toBe("retry: options must be an object, got null");
    expect(configError(3).message).toBe("retry: options must be an object, got 3");
  });
});
