import { ContextLengthError } from "../../core/errors/context-length-error.js";
import { OverloadedError } from "../../core/errors/overloaded-error.js";
import type { ProxylessError } from "../../core/errors/proxyless-error.js";
import { QuotaExceededError } from "../../core/errors/quota-exceeded-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import type { ApiErrorInfo, StainlessErrorRules } from "../shared/map-stainless-error.js";

/** Billing exhaustion, not throttling: waiting does not help (insufficient_quota is sent with 429). */
const QUOTA_CODES = new Set(["insufficient_quota", "billing_hard_limit_reached", "billing_not_active"]);

/**
 * OpenAI's refinements over the status table: `insufficient_quota` 429s are quota, not rate
 * limits; `context_length_exceeded` 400s are context overflows; errors inside a stream carry no
 * status and are classified by their `type`.
 *
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function classifyOpenAIError({ status, body, message, code, options }: ApiErrorInfo): ProxylessError | undefined {
  const type = readString(body, "type");
  if ((code && QUOTA_CODES.has(code)) || (type && QUOTA_CODES.has(type))) {
    return new QuotaExceededError(message, { ...options, retryable: false });
  }
  if (code === "context_length_exceeded" || /maximum context length/i.test(message)) {
    return new ContextLengthError(message, { ...options, retryable: false });
  }
  if (status !== undefined) return undefined;
  // In-stream errors (HTTP 200 already sent).
  if (code === "rate_limit_exceeded" || type === "rate_limit_exceeded") return new RateLimitError(message, options);
  if (/overloaded|slow down/i.test(message)) return new OverloadedError(message, options);
  if (type === "server_error" || type === "api_error") return new ServerError(message, options);
  return undefined;
}

/** OpenAI's error object (`{ message, type, param, code }`): its `code`, else its `type`. */
export function openAIErrorCode(body: unknown): string | undefined {
  return readString(body, "code") ?? readString(body, "type");
}

function readString(body: unknown, key: string): string | undefined {
  const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** OpenAI's error rules for the shared Stainless mapper. */
export const openAIErrorRules: StainlessErrorRules = { errorCode: openAIErrorCode, classify: classifyOpenAIError };
