import { describe, expect, it } from "vitest";
import { AbortError } from "../errors/abort-error.js";
import { AuthenticationError } from "../errors/authentication-error.js";
import { CircuitOpenError } from "../errors/circuit-open-error.js";
import { ConfigError } from "../errors/config-error.js";
import { ContextLengthError } from "../errors/context-length-error.js";
import { InvalidRequestError } from "../errors/invalid-request-error.js";
import { NotFoundError } from "../errors/not-found-error.js";
import { QuotaExceededError } from "../errors/quota-exceeded-error.js";
import { RateLimitError } from "../errors/rate-limit-error.js";
import { ServerError } from "../errors/server-error.js";
import { moveOn } from "./move-on.js";

const noSpare = { spare: (): boolean => false, pooled: (): boolean => false };

describe("moveOn", () => {
  it("goes on after failures another target may not have", () => {
    for (const error of [new ServerError("x", { status: 500 }), new CircuitOpenError("x"), new ContextLengthError("x"), new QuotaExceededError("x"), new RateLimitError("x", { status: 429 })]) {
      expect(moveOn(error, false, noSpare)).toBe("next");
    }
  });

  it("stops for the request's own faults, the caller's cancellation, and anything untyped", () => {
    expect(moveOn(new InvalidRequestError("x", { status: 400 }), false, noSpare)).toBe("stop");
    expect(moveOn(new NotFoundError("x", { status: 404 }), false, noSpare)).toBe("stop");
    expect(moveOn(new AbortError("x"), false, noSpare)).toBe("stop");
    expect(moveOn(new ServerError("x", { status: 500 }), true, noSpare)).toBe("stop");
    expect(moveOn(new Error("x"), false, noSpare)).toBe("stop");
  });

  it("a key function that failed moves on: another provider has its own keys", () => {
    expect(moveOn(new ConfigError("x", { code: "key_source_failed" }), false, noSpare)).toBe("next");
    expect(moveOn(new ConfigError("x"), false, noSpare)).toBe("stop");
  });

  it("a rejected key tries another of the pool, stops on the only key, and moves on once all are disabled", () => {
    const rejected = new AuthenticationError("x", { status: 401 });
    expect(moveOn(rejected, false, { spare: () => true, pooled: () => true })).toBe("again");
    expect(moveOn(rejected, false, noSpare)).toBe("stop");
    // The pool's last key just went: the provider cannot serve, another target may.
    expect(moveOn(rejected, false, { spare: () => false, pooled: () => true })).toBe("next");
    expect(moveOn(new AuthenticationError("x", { code: "all_keys_disabled" }), false, noSpare)).toBe("next");
  });
});
