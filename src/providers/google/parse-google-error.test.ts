import { describe, expect, it } from "vitest";
import { googleErrorReasons, googleRetryDelayMs, isGoogleQuotaExhausted, parseGoogleErrorBody } from "./parse-google-error.js";

const RPC = "type.googleapis.com/google.rpc.";

describe("parseGoogleErrorBody", () => {
  const body = { code: 404, message: "not found", status: "NOT_FOUND" };

  it("reads an HTTP error's JSON body", () => {
    expect(parseGoogleErrorBody(JSON.stringify({ error: body }))).toEqual(body);
  });

  it("reads an in-stream error chunk", () => {
    expect(parseGoogleErrorBody(`got status: NOT_FOUND. ${JSON.stringify({ error: body })}`)).toEqual(body);
  });

  it("reads an envelope wrapped in an array", () => {
    expect(parseGoogleErrorBody(JSON.stringify([{ error: body }]))).toEqual(body);
  });

  it("gives up on anything else", () => {
    expect(parseGoogleErrorBody("socket hang up")).toBeUndefined();
    expect(parseGoogleErrorBody("{ not json")).toBeUndefined();
    expect(parseGoogleErrorBody('{"message":"no envelope"}')).toBeUndefined();
  });
});

describe("googleRetryDelayMs", () => {
  it("reads RetryInfo.retryDelay", () => {
    expect(googleRetryDelayMs({ details: [{ "@type": `${RPC}RetryInfo`, retryDelay: "37s" }] })).toBe(37_000);
    expect(googleRetryDelayMs({ details: [{ "@type": `${RPC}RetryInfo`, retryDelay: "0.9s" }] })).toBe(900);
  });

  it("falls back on the wait the message names", () => {
    expect(googleRetryDelayMs({ message: "Quota exceeded. Please retry in 34.5s." })).toBe(34_500);
    expect(googleRetryDelayMs({ message: "Quota exceeded." })).toBeUndefined();
    expect(googleRetryDelayMs(undefined)).toBeUndefined();
  });
});

describe("isGoogleQuotaExhausted", () => {
  const quota = (quotaId: string) => ({ details: [{ "@type": `${RPC}QuotaFailure`, violations: [{ quotaId }] }] });

  it("is true for daily quotas and exhausted credit", () => {
    expect(isGoogleQuotaExhausted(quota("GenerateRequestsPerDayPerProjectPerModel-FreeTier"))).toBe(true);
    expect(isGoogleQuotaExhausted(quota("GenerateContentDailyTokens"))).toBe(true);
    expect(isGoogleQuotaExhausted({ details: [{ "@type": `${RPC}ErrorInfo`, reason: "INSUFFICIENT_G1_CREDITS_BALANCE" }] })).toBe(true);
  });

  it("is false for per-minute limits and odd bodies", () => {
    expect(isGoogleQuotaExhausted(quota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"))).toBe(false);
    expect(isGoogleQuotaExhausted({ details: "nope" } as never)).toBe(false);
    expect(isGoogleQuotaExhausted({ details: [null, { "@type": `${RPC}QuotaFailure`, violations: [null] }] } as never)).toBe(false);
  });
});

describe("googleErrorReasons", () => {
  it("lists the ErrorInfo reasons", () => {
    expect(
      googleErrorReasons({
        details: [
          { "@type": `${RPC}ErrorInfo`, reason: "API_KEY_INVALID", domain: "googleapis.com" },
          { "@type": `${RPC}Help`, links: [] },
        ],
      }),
    ).toEqual(["API_KEY_INVALID"]);
  });
});
