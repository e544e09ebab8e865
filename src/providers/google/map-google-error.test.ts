import { ApiError } from "@google/genai";
import { describe, expect, it } from "vitest";
import type { ProxylessError } from "../../core/errors/proxyless-error.js";
import { ValidationError } from "../../core/errors/validation-error.js";
import { mapGoogleError } from "./map-google-error.js";

const RPC = "type.googleapis.com/google.rpc.";
const KEY = "AIzaSy-test-key-0123456789";
const ctx = { provider: "google", apiKey: KEY, signal: new AbortController().signal, streaming: false };

/** An `ApiError` as genai builds it from an HTTP error response. */
function httpError(status: number, error: object): ApiError {
  return new ApiError({ message: JSON.stringify({ error }), status });
}

/** An `ApiError` as genai builds it from an error chunk inside a stream. */
function streamError(error: { code: number; status: string; message: string }): ApiError {
  return new ApiError({ message: `got status: ${error.status}. ${JSON.stringify({ error })}`, status: error.code });
}

function summary(error: ProxylessError) {
  return {
    name: error.name,
    status: error.status,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    code: error.code,
    provider: error.provider,
  };
}

const perMinute = {
  code: 429,
  message: "You exceeded your current quota, please check your plan and billing details. Please retry in 37.312245s.",
  status: "RESOURCE_EXHAUSTED",
  details: [
    {
      "@type": `${RPC}QuotaFailure`,
      violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests", quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }],
    },
    { "@type": `${RPC}Help`, links: [{ description: "Learn more", url: "https://ai.google.dev/gemini-api/docs/rate-limits" }] },
    { "@type": `${RPC}RetryInfo`, retryDelay: "37s" },
  ],
};

describe("mapGoogleError: HTTP errors", () => {
  it("makes a per-minute 429 a RateLimitError that waits the RetryInfo delay", () => {
    const error = mapGoogleError(httpError(429, perMinute), ctx);
    expect(summary(error)).toEqual({
      name: "RateLimitError",
      status: 429,
      retryable: true,
      retryAfterMs: 37_000,
      code: "RESOURCE_EXHAUSTED",
      provider: "google",
    });
    expect(error.message).toBe(`google: 429 RESOURCE_EXHAUSTED: ${perMinute.message}`);
  });

  it("makes a daily quota a QuotaExceededError that is not retried", () => {
    const daily = {
      ...perMinute,
      details: [{ "@type": `${RPC}QuotaFailure`, violations: [{ quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier" }] }, perMinute.details[2]],
    };
    expect(summary(mapGoogleError(httpError(429, daily), ctx))).toMatchObject({ name: "QuotaExceededError", status: 429, retryable: false });
  });

  it("makes exhausted prepaid credit a QuotaExceededError", () => {
    const credits = { code: 429, status: "RESOURCE_EXHAUSTED", message: "No credit", details: [{ "@type": `${RPC}ErrorInfo`, reason: "INSUFFICIENT_G1_CREDITS_BALANCE" }] };
    expect(summary(mapGoogleError(httpError(429, credits), ctx))).toMatchObject({ name: "QuotaExceededError", retryable: false });
    expect(summary(mapGoogleError(httpError(402, { code: 402, status: "RESOURCE_EXHAUSTED", message: "Pay" }), ctx))).toMatchObject({
      name: "QuotaExceededError",
      status: 402,
      retryable: false,
    });
  });

  it("makes API_KEY_INVALID an AuthenticationError", () => {
    const body = {
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
      details: [{ "@type": `${RPC}ErrorInfo`, reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } }],
    };
    expect(summary(mapGoogleError(httpError(400, body), ctx))).toMatchObject({ name: "AuthenticationError", status: 400, retryable: false, code: "INVALID_ARGUMENT" });
  });

  it("makes an oversized prompt a ContextLengthError", () => {
    const body = { code: 400, status: "INVALID_ARGUMENT", message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)." };
    expect(summary(mapGoogleError(httpError(400, body), ctx))).toMatchObject({ name: "ContextLengthError", status: 400, retryable: false });
  });

  it.each([
    [400, "INVALID_ARGUMENT", "InvalidRequestError", false],
    [403, "PERMISSION_DENIED", "PermissionError", false],
    [404, "NOT_FOUND", "NotFoundError", false],
    [500, "INTERNAL", "ServerError", true],
    [503, "UNAVAILABLE", "OverloadedError", true],
    [504, "DEADLINE_EXCEEDED", "TimeoutError", true],
  ])("%i %s → %s", (status, rpc, name, retryable) => {
    expect(summary(mapGoogleError(httpError(status, { code: status, status: rpc, message: "x" }), ctx))).toMatchObject({ name, status, retryable, code: rpc });
  });

  it("keeps RetryInfo on an overload too", () => {
    const body = { code: 503, status: "UNAVAILABLE", message: "The model is overloaded.", details: [{ "@type": `${RPC}RetryInfo`, retryDelay: "2s" }] };
    expect(summary(mapGoogleError(httpError(503, body), ctx))).toMatchObject({ name: "OverloadedError", retryAfterMs: 2000 });
  });

  it("does not take an HTTP status text for an rpc code", () => {
    const error = mapGoogleError(httpError(502, { message: "<html>Bad gateway</html>", code: 502, status: "Bad Gateway" }), ctx);
    expect(summary(error)).toMatchObject({ name: "ServerError", status: 502, code: undefined });
  });

  it("keeps the SDK error as cause", () => {
    const sdkError = httpError(404, { code: 404, status: "NOT_FOUND", message: "x" });
    expect(mapGoogleError(sdkError, ctx).cause).toBe(sdkError);
  });
});

describe("mapGoogleError: errors inside a stream", () => {
  const streaming = { ...ctx, streaming: true };

  it("classifies by the chunk's code but reports no HTTP status (the response was a 200)", () => {
    const error = mapGoogleError(streamError({ code: 429, status: "RESOURCE_EXHAUSTED", message: "Slow down" }), streaming);
    expect(summary(error)).toEqual({ name: "RateLimitError", status: undefined, retryable: true, retryAfterMs: undefined, code: "RESOURCE_EXHAUSTED", provider: "google" });
    expect(error.message).toBe("google: error in stream: 429 RESOURCE_EXHAUSTED: Slow down");
    expect(summary(mapGoogleError(streamError({ code: 503, status: "UNAVAILABLE", message: "x" }), streaming)).name).toBe("OverloadedError");
    expect(summary(mapGoogleError(streamError({ code: 500, status: "INTERNAL", message: "x" }), streaming)).name).toBe("ServerError");
    expect(summary(mapGoogleError(streamError({ code: 400, status: "INVALID_ARGUMENT", message: "x" }), streaming))).toMatchObject({
      name: "StreamInterruptedError",
      retryable: true,
    });
  });

  it.each([
    new Error('exception parsing stream chunk {"candidates": [. SyntaxError: Unexpected end of JSON input'),
    new Error("Incomplete JSON segment at the end"),
    new TypeError("terminated"),
  ])("makes %s a StreamInterruptedError", (sdkError) => {
    expect(summary(mapGoogleError(sdkError, streaming))).toMatchObject({ name: "StreamInterruptedError", retryable: true });
  });
});

describe("mapGoogleError: everything else", () => {
  it("is an AbortError when the caller aborted", () => {
    const controller = new AbortController();
    controller.abort();
    const error = mapGoogleError(new DOMException("This operation was aborted", "AbortError"), { ...ctx, signal: controller.signal, streaming: true });
    expect(summary(error)).toMatchObject({ name: "AbortError", retryable: false });
  });

  it("is a TimeoutError when the abort did not come from the caller", () => {
    expect(summary(mapGoogleError(new DOMException("This operation was aborted", "AbortError"), ctx))).toMatchObject({ name: "TimeoutError", retryable: true });
  });

  it("is a ConnectionError when fetch failed before any response", () => {
    const failure = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    expect(summary(mapGoogleError(failure, ctx))).toMatchObject({ name: "ConnectionError", retryable: true });
  });

  it("is a ProviderError for anything unexpected", () => {
    expect(summary(mapGoogleError(new Error("boom"), ctx))).toMatchObject({ name: "ProviderError", retryable: false });
    expect(mapGoogleError("weird", ctx).message).toBe("google: weird");
  });

  it("passes proxyless errors through", () => {
    const validation = new ValidationError([{ path: "messages[1].toolCallId", message: "x" }]);
    expect(mapGoogleError(validation, ctx)).toBe(validation);
  });
});

describe("mapGoogleError: key scrubbing", () => {
  it("removes the API key from the message and from the cause", () => {
    const body = { code: 400, status: "INVALID_ARGUMENT", message: `API key ${KEY} is not valid` };
    const error = mapGoogleError(httpError(400, body), ctx);
    expect(error.message).toBe("google: 400 INVALID_ARGUMENT: API key [redacted] is not valid");
    expect(String((error.cause as Error).message)).not.toContain(KEY);
    expect(String((error.cause as Error).stack)).not.toContain(KEY);
  });

  it("scrubs errors whose message is a getter (DOMException)", () => {
    const error = mapGoogleError(new DOMException(`aborted ${KEY}`, "AbortError"), ctx);
    expect(error.name).toBe("TimeoutError");
    expect((error.cause as Error).message).toBe("aborted [redacted]");
  });

  it("removes it from transport errors too", () => {
    const error = mapGoogleError(new Error(`request to https://x?key=${KEY} failed`), ctx);
    expect(error.message).not.toContain(KEY);
    expect((error.cause as Error).message).not.toContain(KEY);
  });
});
