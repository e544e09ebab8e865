import { retryAfterSeconds } from "./format-duration.js";
import type { ErrorSpec, WireResponse } from "./provider-wire.js";
import type { RateLimitExceeded } from "./rate-limiter.js";
import type { SseFrame } from "./sse-writer.js";

/** google.rpc.Code names by HTTP status. */
const statusNames: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const messagesByName: Readonly<Record<string, string>> = {
  INVALID_ARGUMENT: "Request contains an invalid argument.",
  UNAUTHENTICATED: "Request had invalid authentication credentials.",
  PERMISSION_DENIED: "The caller does not have permission",
  NOT_FOUND: "Requested entity was not found.",
  RESOURCE_EXHAUSTED: "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
  INTERNAL: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  UNAVAILABLE: "The model is overloaded. Please try again later.",
  DEADLINE_EXCEEDED: "The request timed out. Please try again.",
};

const typePrefix = "type.googleapis.com/google.rpc.";

/**
 * google.rpc.Status bodies: `{"error":{"code","message","status","details"?}}`.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function googleError(code: number, message: string, details?: readonly unknown[], status = statusName(code)): WireResponse {
  return { status: code, body: { error: { code, message, status, ...(details && details.length > 0 ? { details } : {}) } } };
}

/**
 * A scripted error. `code` is the status name; a 429 carries a `QuotaFailure` (quota id given or
 * per-minute), and `retryAfterSeconds` becomes `RetryInfo.retryDelay`: Gemini sends no
 * `retry-after` header.
 */
export function googleScriptedError(spec: ErrorSpec): WireResponse {
  const name = spec.code ?? statusName(spec.status);
  const retry = spec.retryAfterSeconds;
  let message = spec.message ?? messagesByName[name] ?? `Request failed with status ${spec.status}.`;
  if (spec.message === undefined && spec.status === 429 && retry !== undefined) message += `\nPlease retry in ${retry}s.`;
  const details = [
    ...(spec.status === 429 ? [quotaFailure(spec.quotaId ?? "GenerateRequestsPerMinutePerProjectPerModel", spec.model)] : []),
    ...(retry !== undefined ? [retryInfo(retry)] : []),
  ];
  return googleError(spec.status, message, details, name);
}

/** The 429 of an exceeded emulated limit: a per-minute `QuotaFailure` and a `RetryInfo`. */
export function googleRateLimited(exceeded: RateLimitExceeded, model: string): WireResponse {
  const seconds = retryAfterSeconds(exceeded.retryAfterMs);
  const quotaId = exceeded.kind === "requests" ? "GenerateRequestsPerMinutePerProjectPerModel" : "GenerateContentInputTokensPerModelPerMinute";
  const message = `${messagesByName.RESOURCE_EXHAUSTED}\n* Quota exceeded for quota id: ${quotaId}, limit: ${exceeded.limit}, model: ${model}\nPlease retry in ${seconds}s.`;
  return googleError(429, message, [quotaFailure(quotaId, model, exceeded.limit), retryInfo(seconds)]);
}

/** An error chunk inside a 200 stream; `code` is a status name. */
export function googleStreamError(code: string | undefined, message: string | undefined): SseFrame {
  const name = code ?? "UNAVAILABLE";
  const status = Number(Object.entries(statusNames).find(([, value]) => value === name)?.[0] ?? 500);
  return { data: JSON.stringify(googleError(status, message ?? messagesByName[name] ?? "Stream failed.", undefined, name).body) };
}

/** The Gemini API's 400 for a key it does not know. */
export function googleInvalidKey(): WireResponse {
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, message, [
    { "@type": `${typePrefix}ErrorInfo`, reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } },
    { "@type": `${typePrefix}LocalizedMessage`, locale: "en-US", message },
  ]);
}

function statusName(code: number): string {
  return statusNames[code] ?? (code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
}

function quotaFailure(quotaId: string, model: string, limit?: number): unknown {
  const metric = /token/i.test(quotaId) ? "input_token_count" : "generate_content_requests";
  return {
    "@type": `${typePrefix}QuotaFailure`,
    violations: [
      {
        quotaMetric: `generativelanguage.googleapis.com/${metric}`,
        quotaId,
        quotaDimensions: { location: "global", model },
        ...(limit !== undefined ? { quotaValue: String(limit) } : {}),
      },
    ],
  };
}

function retryInfo(seconds: number): unknown {
  return { "@type": `${typePrefix}RetryInfo`, retryDelay: `${seconds}s` };
}
