import { AbortError } from "../../core/errors/abort-error.js";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { ContextLengthError } from "../../core/errors/context-length-error.js";
import { errorFromStatus } from "../../core/errors/error-from-status.js";
import { OverloadedError } from "../../core/errors/overloaded-error.js";
import { ProviderError } from "../../core/errors/provider-error.js";
import { ProxylessError, type ProxylessErrorOptions } from "../../core/errors/proxyless-error.js";
import { QuotaExceededError } from "../../core/errors/quota-exceeded-error.js";
import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import { redactSecret, scrubError } from "../shared/redact-secret.js";
import { describeTransportFailure, transportError } from "../shared/transport-failure.js";
import { googleErrorReasons, googleRetryDelayMs, isGoogleQuotaExhausted, parseGoogleErrorBody } from "./parse-google-error.js";

/** What `mapGoogleError` needs to know about the call that failed. */
export interface GoogleErrorContext {
  readonly provider: string;
  readonly apiKey: string | undefined;
  /** The call's own signal: aborted means the caller gave up. */
  readonly signal: AbortSignal | undefined;
  /** `true` once the stream's response has started: failures then interrupt the stream. */
  readonly streaming: boolean;
  /** Where requests go (the configured base URL's host), for connection errors that do not say. */
  readonly host?: string;
}

/** `@google/genai`'s `ApiError`, recognised by shape: it is the SDK's only error class. */
interface GenaiApiError extends Error {
  readonly status: number;
}

function isApiError(error: unknown): error is GenaiApiError {
  return error instanceof Error && error.name === "ApiError" && typeof (error as { status?: unknown }).status === "number";
}

/** A fetch aborted by a signal (`AbortError`, or `TimeoutError` from `AbortSignal.timeout`). */
function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * Translates whatever `@google/genai` threw into the proxyless taxonomy. The API key is scrubbed
 * from the message and from the SDK error kept as `cause`.
 *
 * - The caller's abort is an `AbortError`; any other abort is the call's own timeout (genai's
 *   `httpOptions.timeout`, or the adapter's wait for a stream's headers): a `TimeoutError`.
 * - An `ApiError` is classified from its google.rpc body (see {@link classifyGoogleApiError}).
 * - A transport failure (no connection, a body dropped or not JSON) is a `ConnectionError` or a
 *   `MalformedResponseError`; anything else once a stream is open ("exception parsing stream
 *   chunk", "Incomplete JSON segment at the end") interrupts the stream.
 *
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function mapGoogleError(error: unknown, ctx: GoogleErrorContext): ProxylessError {
  if (ProxylessError.isInstance(error)) return error;
  const cause = scrubError(error, ctx.apiKey);
  const base = { provider: ctx.provider, cause };
  const text = redactSecret(error instanceof Error ? error.message : String(error), ctx.apiKey);

  if (ctx.signal?.aborted) return new AbortError(`${ctx.provider}: the call was aborted`, base);
  if (isAbort(error)) return new TimeoutError(`${ctx.provider}: the request timed out`, base);
  if (isApiError(error)) return classifyGoogleApiError(error.status, text, { ...ctx, base });
  const failure = describeTransportFailure(error, ctx.host);
  if (failure) return transportError(failure, ctx.provider, ctx.streaming, base);
  if (ctx.streaming) return new StreamInterruptedError(`${ctx.provider}: the stream broke: ${text}`, base);
  return new ProviderError(`${ctx.provider}: ${text}`, base);
}

/**
 * An `ApiError` by its body. Gemini sends no rate-limit headers and no request id; what there is
 * to know is in the google.rpc `details`:
 *
 * - 429 with a daily quota or exhausted credit, and 402: `QuotaExceededError` (not retryable);
 *   any other 429: `RateLimitError`, waiting `RetryInfo.retryDelay`.
 * - `ErrorInfo.reason: API_KEY_INVALID` (sent with 400): `AuthenticationError`.
 * - 400 "The input token count ... exceeds the maximum": `ContextLengthError`.
 * - Otherwise the status decides (`errorFromStatus`; 503 `UNAVAILABLE` is an `OverloadedError`).
 *
 * An error chunk inside a stream (`got status: ...`) arrives after HTTP 200, so it carries no
 * `status`; its `error.code` (genai passes it as `ApiError.status`) still decides between quota,
 * rate limit, overload, server error and interruption.
 */
function classifyGoogleApiError(
  errorCode: number,
  sdkMessage: string,
  ctx: { readonly provider: string; readonly apiKey: string | undefined; readonly base: ProxylessErrorOptions },
): ProxylessError {
  const body = parseGoogleErrorBody(sdkMessage);
  const inStream = sdkMessage.startsWith("got status:");
  // A non-JSON body is wrapped with the HTTP status text ("Bad Gateway"), which is no rpc code.
  const rpcStatus = body?.status && /^[A-Z_]+$/.test(body.status) ? body.status : undefined;
  const retryAfterMs = googleRetryDelayMs(body);
  const detail = redactSecret(typeof body?.message === "string" ? body.message : sdkMessage, ctx.apiKey);
  const label = [inStream ? "error in stream:" : undefined, errorCode, rpcStatus].filter((x) => x !== undefined).join(" ");
  const message = `${ctx.provider}: ${label}: ${detail}`;
  const options: ProxylessErrorOptions = {
    ...ctx.base,
    ...(rpcStatus ? { code: rpcStatus } : {}),
    ...(inStream ? {} : { status: errorCode }),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };

  if (errorCode === 402 || (errorCode === 429 && isGoogleQuotaExhausted(body))) return new QuotaExceededError(message, options);
  if (googleErrorReasons(body).includes("API_KEY_INVALID")) return new AuthenticationError(message, options);
  if (errorCode === 400 && /input token count.*exceeds the maximum/is.test(detail)) return new ContextLengthError(message, options);
  if (!inStream) return errorFromStatus(errorCode, message, options);
  if (errorCode === 429) return new RateLimitError(message, options);
  if (errorCode === 503) return new OverloadedError(message, options);
  if (errorCode >= 500) return new ServerError(message, options);
  return new StreamInterruptedError(message, options);
}
