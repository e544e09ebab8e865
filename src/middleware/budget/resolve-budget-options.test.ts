import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveBudgetOptions } from "./resolve-budget-options.js";

function configError(options: unknown): ConfigError {
  try {
    resolveBudgetOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveBudgetOptions", () => {
  it("fills in the defaults", () => {
    expect(resolveBudgetOptions({ limitUsd: 5 })).toEqual({ name: "budget", limitUsd: 5, windowMs: undefined, scope: { kind: "global" }, unpriced: "reject", redis: undefined });
    expect(resolveBudgetOptions({ limitUsd: 5, scope: { metadata: "tenant" }, redis: { url: "redis://127.0.0.1:6379" } })).toMatchObject({
      scope: { kind: "metadata", field: "tenant", missing: "reject" },
      redis: { url: "redis://127.0.0.1:6379", prefix: "proxyless", onUnavailable: "closed", connectTimeoutMs: 1_000, leaseMs: 600_000 },
    });
  });

  it.each([
    [undefined, undefined, "limitUsd"],
    [{}, "limitUsd", "positive, finite number of US dollars"],
    [{ limitUsd: 0 }, "limitUsd", "positive"],
    [{ limitUsd: Infinity }, "limitUsd", "finite"],
    [{ limitUsd: "5" }, "limitUsd", "a string"],
    [{ limitUsd: 5, windowMs: 1.5 }, "windowMs", "whole, positive number of milliseconds"],
    [{ limitUsd: 5, window: 60_000 }, "window", 'unknown option "window"'],
    [{ limitUsd: 5, scope: "tenant" }, "scope", '"global" or { metadata: "<field>" }'],
    [{ limitUsd: 5, scope: { metadata: "" } }, "scope.metadata", "must name a metadata field"],
    [{ limitUsd: 5, scope: { field: "tenant" } }, "scope.field", 'unknown option "scope.field"'],
    [{ limitUsd: 5, scope: { metadata: "tenant", missing: "skip" } }, "scope.missing", '"reject" or "shared"'],
    [{ limitUsd: 5, unpriced: "ignore" }, "unpriced", '"reject" or "allow"'],
    [{ limitUsd: 5, name: "" }, "name", "non-empty"],
    [{ limitUsd: 5, redis: {} }, "redis", "exactly one of url"],
    [{ limitUsd: 5, redis: { url: "" } }, "redis.url", "redis:// URL"],
    [{ limitUsd: 5, redis: { url: "redis://x", onUnavailable: "fail-open" } }, "redis.onUnavailable", '"open" or "closed"'],
    [{ limitUsd: 5, redis: { url: "redis://x", leaseMs: 0 } }, "redis.leaseMs", "positive, finite number of milliseconds"],
    [{ limitUsd: 5, redis: { url: "redis://x", ttl: 5 } }, "redis.ttl", 'unknown option "redis.ttl"'],
    [{ limitUsd: 5, redis: "redis://x" }, "redis", "must be an object"],
  ])("%j: a ConfigError at %s", (options, path, says) => {
    const error = configError(options);
    expect(error.path).toBe(path);
    expect(error.message).toContain(says ?? "");
    expect(error.message).toMatch(/^budget: /);
  });
});
