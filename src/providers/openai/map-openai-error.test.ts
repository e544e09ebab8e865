import * as sdk from "openai";
import { describe, expect, it } from "vitest";
import { readFixtureJson } from "../../../test/helpers/fixtures.js";
import { mapStainlessError } from "../shared/map-stainless-error.js";
import { classifyOpenAIError, openAIErrorCode } from "./map-openai-error.js";

const signal = new AbortController().signal;

function map(error: unknown, streaming = false): Error {
  return mapStainlessError(error, sdk, { provider: "openai", apiKey: "sk-secret-key-123", signal, streaming, errorCode: openAIErrorCode, classify: classifyOpenAIError });
}

function apiError(status: number | undefined, body: unknown, headers: Record<string, string> = {}): Error {
  return status === undefined ? new sdk.APIError(undefined, body as never, undefined, new Headers(headers)) : sdk.APIError.generate(status, { error: body }, undefined, new Headers(headers));
}

describe("OpenAI errors", () => {
  it("maps insufficient_quota 429s to a non-retryable QuotaExceededError even with retry-after", () => {
    const body = readFixtureJson<{ error: unknown }>("openai", "error_429_insufficient_quota.json").error;
    expect(map(apiError(429, body, { "retry-after": "1", "x-request-id": "req_9" }))).toMatchObject({
      name: "QuotaExceededError",
      status: 429,
      retryable: false,
      code: "insufficient_quota",
      requestId: "req_9",
      retryAfterMs: 1000,
      provider: "openai",
    });
  });

  it("maps rate limits with retry-after-ms", () => {
    const error = map(apiError(429, { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" }, { "retry-after-ms": "250" }));
    expect(error).toMatchObject({ name: "RateLimitError", retryable: true, retryAfterMs: 250, code: "rate_limit_exceeded" });
  });

  it("maps the recorded 400 and context overflows", () => {
    const body = readFixtureJson<{ error: unknown }>("openai", "error_400_unsupported_value.json").error;
    expect(map(apiError(400, body))).toMatchObject({ name: "InvalidRequestError", status: 400, retryable: false, code: "unsupported_value" });
    const overflow = { message: "This model's maximum context length is 128000 tokens.", type: "invalid_request_error", code: "context_length_exceeded" };
    expect(map(apiError(400, overflow))).toMatchObject({ name: "ContextLengthError", retryable: false });
  });

  it("follows x-should-retry and the status table", () => {
    expect(map(apiError(500, { message: "oops" }, { "x-should-retry": "false" }))).toMatchObject({ name: "ServerError", retryable: false });
    expect(map(apiError(503, { message: "Slow Down" }))).toMatchObject({ name: "OverloadedError", retryable: true });
    expect(map(apiError(401, { message: "Incorrect API key provided: sk-secret-key-123" }))).toMatchObject({ name: "AuthenticationError" });
  });

  it("classifies errors inside a 200 stream by their type", () => {
    expect(map(apiError(undefined, { message: "The server had an error", type: "server_error" }), true)).toMatchObject({ name: "ServerError", retryable: true });
    expect(map(apiError(undefined, { message: "weird", type: "mystery" }), true)).toMatchObject({ name: "StreamInterruptedError", retryable: true });
    expect(map(new SyntaxError("Unexpected token"), true)).toMatchObject({ name: "StreamInterruptedError" });
  });

  it("maps connection problems, timeouts and aborts", () => {
    expect(map(new sdk.APIConnectionError({ message: "Connection error." }))).toMatchObject({ name: "ConnectionError", retryable: true });
    expect(map(new sdk.APIConnectionTimeoutError())).toMatchObject({ name: "TimeoutError", retryable: true });
    expect(map(new sdk.APIUserAbortError())).toMatchObject({ name: "AbortError", retryable: false });
  });

  it("never lets the key through, in the message or the cause", () => {
    const error = map(apiError(401, { message: "Incorrect API key provided: sk-secret-key-123" }));
    expect(error.message).toBe("openai: 401 Incorrect API key provided: [redacted]");
    const cause = error.cause as Error & { error: unknown };
    expect(`${cause.message} ${cause.stack} ${JSON.stringify(cause.error)}`).not.toContain("sk-secret-key-123");
  });
});
