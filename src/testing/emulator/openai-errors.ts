import { goDuration, retryAfterSeconds } from "./format-duration.js";
import type { ErrorSpec, WireResponse } from "./provider-wire.js";
import type { RateLimitExceeded } from "./rate-limiter.js";
import type { SseFrame } from "./sse-writer.js";

/**
 * OpenAI error bodies: `{"error":{"message","type","param","code"}}`.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function openaiError(
  status: number,
  message: string,
  fields: { readonly type?: string; readonly param?: string | null; readonly code?: string | null } = {},
  headers?: Readonly<Record<string, string>>,
): WireResponse {
  return {
    status,
    body: { error: { message, type: fields.type ?? "invalid_request_error", param: fields.param ?? null, code: fields.code ?? null } },
    ...(headers ? { headers } : {}),
  };
}

const serverErrorMessage = "The server had an error while processing your request. Sorry about that!";

/** A scripted error: type, code and message follow the status unless given. */
export function openaiScriptedError(spec: ErrorSpec): WireResponse {
  const code = spec.code ?? defaultCode(spec.status);
  const type = code === "insufficient_quota" ? "insufficient_quota" : spec.status === 429 ? "requests" : spec.status >= 500 ? "server_error" : "invalid_request_error";
  const message = spec.message ?? defaultMessage(spec.status, code, spec.model);
  return openaiError(spec.status, message, { type, code }, spec.retryAfterSeconds === undefined ? undefined : retryHeaders(spec.retryAfterSeconds * 1000));
}

/** The 429 of an exceeded emulated limit, worded like OpenAI's. */
export function openaiRateLimited(exceeded: RateLimitExceeded, model: string): WireResponse {
  const per = exceeded.kind === "requests" ? "requests per min (RPM)" : "tokens per min (TPM)";
  const message =
    `Rate limit reached for ${model} in organization org-emulator on ${per}: Limit ${exceeded.limit}, Used ${exceeded.used}, ` +
    `Requested ${exceeded.requested}. Please try again in ${goDuration(exceeded.retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return openaiError(429, message, { type: exceeded.kind, code: "rate_limit_exceeded" }, retryHeaders(exceeded.retryAfterMs));
}

/** An error event inside a 200 stream: a `data:` line the SDK turns into an `APIError`. */
export function openaiStreamError(code: string | undefined, message: string | undefined): SseFrame {
  return { data: JSON.stringify(openaiError(500, message ?? serverErrorMessage, { type: "server_error", code: code ?? null }).body) };
}

/** The OpenAI SDK reads `retry-after-ms` first, then `retry-after`. */
function retryHeaders(ms: number): Record<string, string> {
  return { "retry-after": String(retryAfterSeconds(ms)), "retry-after-ms": String(Math.round(ms)) };
}

function defaultCode(status: number): string | null {
  switch (status) {
    case 401:
      return "invalid_api_key";
    case 404:
      return "model_not_found";
    case 429:
      return "rate_limit_exceeded";
    default:
      return null;
  }
}

function defaultMessage(status: number, code: string | null, model: string): string {
  if (code === "insufficient_quota") {
    return "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.";
  }
  switch (status) {
    case 400:
      return "Invalid request.";
    case 401:
      return "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.";
    case 403:
      return `Project does not have access to model \`${model}\`.`;
    case 404:
      return `The model \`${model}\` does not exist or you do not have access to it.`;
    case 429:
      return `Rate limit reached for ${model} in organization org-emulator on requests per min (RPM). Please try again later.`;
    case 503:
      return "The server is overloaded or not ready yet.";
    default:
      return status >= 500 ? serverErrorMessage : `Request failed with status ${status}.`;
  }
}
