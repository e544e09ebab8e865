import * as AnthropicSdk from "@anthropic-ai/sdk";
import type { ErrorType } from "@anthropic-ai/sdk/resources/shared";
import { describe, expect, it } from "vitest";
import type { ProxylessError } from "../../core/errors/proxyless-error.js";
import { mapStainlessError } from "../shared/map-stainless-error.js";
import { anthropicErrorCode, classifyAnthropicError } from "./map-anthropic-error.js";

const body = (type: string, message: string, details?: object) => ({
  type: "error",
  error: { type, message, ...(details ? { details } : {}) },
  request_id: "req_011",
});

/** An HTTP error as the SDK builds it from a response. */
const httpError = (status: number, errorBody: object, headers: Record<string, string> = {}) =>
  AnthropicSdk.APIError.generate(status, errorBody, undefined, new Headers({ "request-id": "req_011", ...headers }));

/** An `event: error` inside a 200 stream, as the SDK's Stream throws it: no status, type from the body. */
const streamError = (errorBody: { type: "error"; error: { type: string; message: string } }) =>
  // The type may be one the SDK's union does not list yet: that case is tested too.
  new AnthropicSdk.APIError(undefined, errorBody, undefined, new Headers({ "request-id": "req_022" }), errorBody.error.type as ErrorType);

function map(error: unknown, streaming = false): ProxylessError {
  return mapStainlessError(error, AnthropicSdk, {
    provider: "anthropic",
    apiKey: "sk-ant-secret",
    signal: new AbortController().signal,
    streaming,
    errorCode: anthropicErrorCode,
    classify: classifyAnthropicError,
  });
}

/** The fields middleware decide from. */
const fields = (e: ProxylessError) => ({
  name: e.name,
  status: e.status,
  retryable: e.retryable,
  retryAfterMs: e.retryAfterMs,
  code: e.code,
  requestId: e.requestId,
});

describe("Anthropic errors through the shared Stainless mapper", () => {
  it("a 429 rate_limit_error is a retryable RateLimitError that honours retry-after", () => {
    const error = map(httpError(429, body("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), { "retry-after": "12" }));
    expect(fields(error)).toEqual({
      name: "RateLimitError",
      status: 429,
      retryable: true,
      retryAfterMs: 12_000,
      code: "rate_limit_error",
      requestId: "req_011",
    });
  });

  it("a 429 spend limit is quota, not a rate limit: not retryable", () => {
    const spend = body("rate_limit_error", "You have reached your API usage limits.", { error_code: "enforced_spend_limit_reached" });
    expect(fields(map(httpError(429, spend, { "retry-after": "60" })))).toEqual({
      name: "QuotaExceededError",
      status: 429,
      retryable: false,
      retryAfterMs: 60_000,
      code: "enforced_spend_limit_reached",
      requestId: "req_011",
    });
  });

  it("billing_error is quota", () => {
    expect(fields(map(httpError(402, body("billing_error", "Your account has a billing problem."))))).toMatchObject({
      name: "QuotaExceededError",
      status: 402,
      retryable: false,
      code: "billing_error",
    });
  });

  it("a 400 about the credit balance is quota", () => {
    const credit = body("invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
    expect(fields(map(httpError(400, credit)))).toMatchObject({ name: "QuotaExceededError", status: 400, retryable: false });
  });

  it.each([
    "prompt is too long: 208310 tokens > 200000 maximum",
    "input length and `max_tokens` exceed context limit: 199000 + 21333 > 200000, decrease input length or `max_tokens` and try again",
  ])("an over-long prompt is a ContextLengthError: %s", (message) => {
    expect(fields(map(httpError(400, body("invalid_request_error", message))))).toMatchObject({
      name: "ContextLengthError",
      status: 400,
      retryable: false,
      code: "invalid_request_error",
    });
  });

  it("a 529 overloaded_error is a retryable OverloadedError", () => {
    expect(fields(map(httpError(529, body("overloaded_error", "Overloaded"))))).toMatchObject({
      name: "OverloadedError",
      status: 529,
      retryable: true,
      code: "overloaded_error",
    });
  });

  it("an overloaded_error inside a stream is an OverloadedError without status", () => {
    const error = map(streamError({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }), true);
    expect(fields(error)).toEqual({
      name: "OverloadedError",
      status: undefined,
      retryable: true,
      retryAfterMs: undefined,
      code: "overloaded_error",
      requestId: "req_022",
    });
  });

  it.each([
    ["api_error", "ServerError", true],
    ["invalid_request_error", "InvalidRequestError", false],
    ["rate_limit_error", "RateLimitError", true],
    ["timeout_error", "TimeoutError", true],
    ["authentication_error", "AuthenticationError", false],
  ])("an in-stream %s is a %s", (type, name, retryable) => {
    const error = map(streamError({ type: "error", error: { type, message: "Something happened" } }), true);
    expect(fields(error)).toMatchObject({ name, status: undefined, retryable, code: type });
  });

  it("an in-stream error of an unknown type interrupts the stream", () => {
    const error = map(streamError({ type: "error", error: { type: "brand_new_error", message: "?" } }), true);
    expect(fields(error)).toMatchObject({ name: "StreamInterruptedError", retryable: true, code: "brand_new_error" });
  });

  it("leaves plain statuses to the status table", () => {
    expect(fields(map(httpError(500, body("api_error", "Internal server error"))))).toMatchObject({ name: "ServerError", status: 500 });
    expect(fields(map(httpError(401, body("authentication_error", "invalid x-api-key"))))).toMatchObject({
      name: "AuthenticationError",
      status: 401,
      retryable: false,
    });
    expect(fields(map(httpError(413, body("request_too_large", "Request exceeds the maximum allowed number of bytes."))))).toMatchObject({
      name: "InvalidRequestError",
      status: 413,
    });
  });
});

describe("anthropicErrorCode", () => {
  it("prefers error.details.error_code, then error.type", () => {
    expect(anthropicErrorCode(body("rate_limit_error", "x", { error_code: "ramp_limit_exceeded" }))).toBe("ramp_limit_exceeded");
    expect(anthropicErrorCode(body("overloaded_error", "x"))).toBe("overloaded_error");
    expect(anthropicErrorCode(body("api_error", "x", { error_code: 42 }))).toBe("api_error");
  });

  it("returns undefined for bodies that are not Anthropic errors", () => {
    expect(anthropicErrorCode(undefined)).toBeUndefined();
    expect(anthropicErrorCode("Bad Gateway")).toBeUndefined();
    expect(anthropicErrorCode({ error: "nope" })).toBeUndefined();
  });
});
