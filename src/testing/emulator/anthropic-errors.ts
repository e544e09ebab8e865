import { retryAfterSeconds } from "./format-duration.js";
import type { ErrorSpec, WireResponse } from "./provider-wire.js";
import type { RateLimitExceeded } from "./rate-limiter.js";
import type { SseFrame } from "./sse-writer.js";

const typesByStatus: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const messagesByType: Readonly<Record<string, string>> = {
  invalid_request_error: "Invalid request.",
  authentication_error: "invalid x-api-key",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "Not found",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error:
    "Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.",
  api_error: "Internal server error",
  overloaded_error: "Overloaded",
};

/**
 * Anthropic error bodies: `{"type":"error","error":{"type","message"},"request_id"}`.
 * @see https://docs.claude.com/en/api/errors
 */
export function anthropicError(status: number, type: string, message: string, requestId: string, headers?: Readonly<Record<string, string>>): WireResponse {
  return { status, body: { type: "error", error: { type, message }, request_id: requestId }, ...(headers ? { headers } : {}) };
}

/** A 400 `invalid_request_error`, the answer to every malformed request. */
export function anthropicInvalid(message: string, requestId: string): WireResponse {
  return anthropicError(400, "invalid_request_error", message, requestId);
}

/** A scripted error; the type follows the status unless `code` names it. */
export function anthropicScriptedError(spec: ErrorSpec): WireResponse {
  const type = spec.code ?? typesByStatus[spec.status] ?? (spec.status >= 500 ? "api_error" : "invalid_request_error");
  const headers = spec.retryAfterSeconds === undefined ? undefined : { "retry-after": String(spec.retryAfterSeconds) };
  return anthropicError(spec.status, type, spec.message ?? messagesByType[type] ?? `Request failed with status ${spec.status}.`, spec.requestId, headers);
}

/** The 429 of an exceeded emulated limit, worded like Anthropic's. */
export function anthropicRateLimited(exceeded: RateLimitExceeded, model: string, requestId: string): WireResponse {
  const what = exceeded.kind === "requests" ? "requests" : "tokens";
  const message =
    `This request would exceed your organization's rate limit of ${exceeded.limit} ${what} per minute (model: ${model}). ` +
    "For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. " +
    "Please reduce the prompt length or the maximum tokens requested, or try again later.";
  return anthropicError(429, "rate_limit_error", message, requestId, { "retry-after": String(retryAfterSeconds(exceeded.retryAfterMs)) });
}

/**
 * The `event: error` of a 200 stream.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming#error-events
 */
export function anthropicStreamError(code: string | undefined, message: string | undefined): SseFrame {
  const type = code ?? "overloaded_error";
  return { event: "error", data: JSON.stringify({ type: "error", error: { type, message: message ?? messagesByType[type] ?? "Overloaded" } }) };
}
