import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { isCircuitFailure } from "./is-circuit-failure.js";
import { resolveCircuitBreakerOptions } from "./resolve-circuit-breaker-options.js";

/** What the options fail with: a ConfigError at `path` whose message matches. */
function refused(path: string | undefined, message: RegExp): unknown {
  return expect.objectContaining({ name: "ConfigError", path, message: expect.stringMatching(message) as unknown });
}

describe("resolveCircuitBreakerOptions", () => {
  it("defaults: 5 failures in a row within a minute, 30 s cooldown, one probe, per key, no rate rule", () => {
    expect(resolveCircuitBreakerOptions(undefined)).toEqual({
      name: "circuit-breaker",
      failureThreshold: 5,
      failureRate: undefined,
      minimumRequests: 20,
      windowMs: 60_000,
      cooldownMs: 30_000,
      halfOpenProbes: 1,
      perKey: true,
      isFailure: isCircuitFailure,
    });
    expect(resolveCircuitBreakerOptions({})).toEqual(resolveCircuitBreakerOptions(undefined));
  });

  it("keeps what is given, Infinity for failureThreshold when a failureRate opens instead", () => {
    const isFailure = (): boolean => true;
    const given = { failureThreshold: Number.POSITIVE_INFINITY, failureRate: 1, minimumRequests: 1, windowMs: 5, cooldownMs: 7, halfOpenProbes: 3, perKey: false, isFailure, name: "cb" };
    expect(resolveCircuitBreakerOptions(given)).toEqual(given);
  });

  it.each([
    [{ failureThreshold: 0 }, "failureThreshold", /failureThreshold must be a whole number ≥ 1, or Infinity to open on failureRate alone, got 0/],
    [{ failureThreshold: 2.5 }, "failureThreshold", /got 2.5/],
    [{ failureThreshold: "5" }, "failureThreshold", /got "5"/],
    [{ failureRate: 0 }, "failureRate", /failureRate must be a share above 0 and up to 1/],
    [{ failureRate: 50 }, "failureRate", /got 50/],
    [{ minimumRequests: 0 }, "minimumRequests", /minimumRequests must be a whole number ≥ 1, got 0/],
    [{ windowMs: 0 }, "windowMs", /windowMs must be a positive, finite number of milliseconds, got 0/],
    [{ windowMs: Number.POSITIVE_INFINITY }, "windowMs", /got Infinity/],
    [{ cooldownMs: -1 }, "cooldownMs", /cooldownMs must be a positive/],
    [{ halfOpenProbes: 0 }, "halfOpenProbes", /halfOpenProbes must be a whole number ≥ 1/],
    [{ perKey: "yes" }, "perKey", /perKey must be true or false, got "yes"/],
    [{ isFailure: true }, "isFailure", /isFailure must be a function, got true/],
    [{ name: "" }, "name", /name must be a non-empty string/],
    [{ threshold: 5 }, "threshold", /unknown option "threshold"; the options are failureThreshold, failureRate/],
    [{ failureThreshold: Number.POSITIVE_INFINITY }, "failureThreshold", /would never open/],
  ])("%j is a ConfigError at %s", (options, path, message) => {
    expect(() => resolveCircuitBreakerOptions(options)).toThrow(refused(path, message));
  });

  it.each([[null], [[]], ["5"], [5]])("%j as options is a ConfigError", (options) => {
    expect(() => resolveCircuitBreakerOptions(options)).toThrow(ConfigError);
    expect(() => resolveCircuitBreakerOptions(options)).toThrow(/^circuitBreaker: options must be an object/);
  });
});
