import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { ContextLengthError } from "../../core/errors/context-length-error.js";
import { InvalidRequestError } from "../../core/errors/invalid-request-error.js";
import { NotFoundError } from "../../core/errors/not-found-error.js";
import { OverloadedError } from "../../core/errors/overloaded-error.js";
import { PermissionError } from "../../core/errors/permission-error.js";
import type { ProxylessError, ProxylessErrorOptions } from "../../core/errors/proxyless-error.js";
import { QuotaExceededError } from "../../core/errors/quota-exceeded-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import type { ApiErrorInfo, StainlessErrorRules } from "../shared/map-stainless-error.js";

/**
 * `error.details.error_code` values that mean money, not throughput: waiting does not help. The
 * spend-limit ones arrive as 429s and must not be retried like a rate limit.
 */
const QUOTA_CODES = new Set([
  "enforced_spend_limit_reached",
  "contract_spend_limit_reached",
  "linked_organization_spend_limit_reached",
  "linked_organization_billing_unavailable",
]);

/** Sent as a 400 `invalid_request_error`, although it is a billing problem. */
const CREDIT_MESSAGE = /credit balance is too low/i;

/** "prompt is too long: 208310 tokens > 200000 maximum", "input length and `max_tokens` exceed context limit: …". */
const CONTEXT_MESSAGE = /prompt is too long|exceeds? (?:the )?context (?:limit|window)/i;

type ErrorClass = new (message: string, options: ProxylessErrorOptions) => ProxylessError;

/**
 * Error types of an `event: error` inside a 200 stream, which carries no status to classify by.
 * `overloaded_error` and `rate_limit_error` are handled before this table, for every status.
 */
const IN_STREAM_TYPES: Readonly<Record<string, ErrorClass>> = {
  api_error: ServerError,
  invalid_request_error: InvalidRequestError,
  request_too_large: InvalidRequestError,
  authentication_error: AuthenticationError,
  permission_error: PermissionError,
  not_found_error: NotFoundError,
  timeout_error: TimeoutError,
};

/**
 * Anthropic's refinements over the status table: billing and spend limits are quota (not
 * retryable, whatever the status); an over-long prompt is a context overflow; `overloaded_error`
 * is an overload at any status and inside a stream; errors inside a stream are classified by their
 * `error.type`. `undefined` leaves the status table in charge.
 *
 * @see https://platform.claude.com/docs/en/api/errors
 */
export function classifyAnthropicError({ status, body, message, code, options }: ApiErrorInfo): ProxylessError | undefined {
  const type = errorObject(body)?.type;
  if (type === "billing_error" || (code !== undefined && QUOTA_CODES.has(code)) || CREDIT_MESSAGE.test(message)) {
    return new QuotaExceededError(message, { ...options, retryable: false });
  }
  if (CONTEXT_MESSAGE.test(message)) return new ContextLengthError(message, { ...options, retryable: false });
  if (type === "overloaded_error") return new OverloadedError(message, options);
  if (type === "rate_limit_error") return new RateLimitError(message, options);
  if (status !== undefined || type === undefined) return undefined;
  const InStream = IN_STREAM_TYPES[type];
  return InStream ? new InStream(message, options) : undefined;
}

/**
 * The code of an Anthropic error body (`{ type: "error", error: { type, message, details? } }`, the
 * whole body as the SDK keeps it): `error.details.error_code` when there is one, else `error.type`.
 */
export function anthropicErrorCode(body: unknown): string | undefined {
  const error = errorObject(body);
  const code = error?.details?.error_code;
  return typeof code === "string" ? code : error?.type;
}

interface AnthropicErrorObject {
  readonly type?: string;
  readonly details?: { readonly error_code?: unknown };
}

function errorObject(body: unknown): AnthropicErrorObject | undefined {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== "object" || error === null) return undefined;
  const { type, details } = error as { type?: unknown; details?: unknown };
  return {
    ...(typeof type === "string" ? { type } : {}),
    ...(typeof details === "object" && details !== null ? { details } : {}),
  };
}

/**
 * The provider's own message (`error.message`): the SDK's message is the whole JSON body
 * (`429 {"type":"error","error":{...}}`), which reads badly in a log.
 */
export function anthropicErrorMessage(body: unknown): string | undefined {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" && message !== "" ? message : undefined;
}

/** Anthropic's error rules for the shared Stainless mapper. */
export const anthropicErrorRules: StainlessErrorRules = {
  errorCode: anthropicErrorCode,
  classify: classifyAnthropicError,
  errorMessage: anthropicErrorMessage,
};
