import { AbortError } from "../../core/errors/abort-error.js";
import { ConnectionError } from "../../core/errors/connection-error.js";
import { errorFromStatus } from "../../core/errors/error-from-status.js";
import { ProviderError } from "../../core/errors/provider-error.js";
import { ProxylessError, type ProxylessErrorOptions } from "../../core/errors/proxyless-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import type { AdapterCall } from "../../core/types/provider-adapter.js";
import { redactSecret, scrubError } from "./redact-secret.js";
import { headerReader, parseRetryAfter, type HeaderReader } from "./retry-after.js";
import { describeTransportFailure, transportError } from "./transport-failure.js";

/** The error classes both Stainless-generated SDKs (`openai`, `@anthropic-ai/sdk`) export. */
export interface StainlessErrorClasses {
  readonly APIError: abstract new (...args: never[]) => Error;
  readonly APIConnectionError: abstract new (...args: never[]) => Error;
  readonly APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  readonly APIUserAbortError: abstract new (...args: never[]) => Error;
}

/** Their names: what a module handed in as `providers.<name>.sdk` must export for errors to be typed. */
export const STAINLESS_ERROR_CLASSES: readonly (keyof StainlessErrorClasses)[] = ["APIError", "APIConnectionError", "APIConnectionTimeoutError", "APIUserAbortError"];

/** What an SDK's `APIError` carries, read defensively. */
export interface StainlessApiError extends Error {
  readonly status?: number;
  readonly headers?: Headers;
  readonly requestID?: string | null;
  readonly error?: unknown;
  readonly type?: string | null;
}

/** Everything a provider's body classifier may look at. */
export interface ApiErrorInfo {
  readonly status: number | undefined;
  readonly body: unknown;
  readonly message: string;
  /** The provider's error code or type, as `errorCode` read it from the body. */
  readonly code: string | undefined;
  readonly header: HeaderReader;
  /** Options every error built from this one should carry (provider, status, ids, cause...). */
  readonly options: ProxylessErrorOptions;
}

export interface MapErrorContext {
  readonly provider: string;
  readonly apiKey: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** `true` once a stream's response has started: failures then interrupt the stream. */
  readonly streaming: boolean;
  /** Where requests go (the configured base URL's host), for connection errors that do not say. */
  readonly host?: string;
  /** Reads the provider's error code (or type) from an error body. */
  readonly errorCode: (body: unknown) => string | undefined;
  /**
   * Reads the provider's own message from an error body, when the SDK's message is not it (the
   * Anthropic SDK puts the whole JSON body in its message).
   */
  readonly errorMessage?: (body: unknown) => string | undefined;
  /** The provider's refinements (quota vs rate limit, context length, in-stream error types). */
  readonly classify: (info: ApiErrorInfo) => ProxylessError | undefined;
}

/** A provider's reading of its own error bodies. */
export type StainlessErrorRules = Pick<MapErrorContext, "errorCode" | "classify" | "errorMessage">;

/**
 * Maps what one attempt threw. The SDK module is the adapter's (already loaded once a request was
 * made); when it failed to load, the error is that failure (a `ConfigError`) and passes unchanged.
 */
export async function mapStainlessFailure(
  error: unknown,
  sdk: Promise<StainlessErrorClasses>,
  attempt: { readonly provider: string; readonly call: AdapterCall; readonly streaming: boolean; readonly host: string | undefined },
  rules: StainlessErrorRules,
): Promise<unknown> {
  const classes = await sdk.catch(() => undefined);
  if (!classes) return error;
  const { provider, call, streaming, host } = attempt;
  return mapStainlessError(error, classes, { provider, apiKey: call.apiKey, signal: call.signal, streaming, ...(host ? { host } : {}), ...rules });
}

/**
 * Translates an `openai` / `@anthropic-ai/sdk` error into the proxyless taxonomy. The API key is
 * scrubbed from the message and from the SDK error kept as `cause`.
 */
export function mapStainlessError(error: unknown, sdk: StainlessErrorClasses, ctx: MapErrorContext): ProxylessError {
  if (ProxylessError.isInstance(error)) return error;
  const cause = scrubError(error, ctx.apiKey);
  const base = { provider: ctx.provider, cause };
  const text = redactSecret(error instanceof Error ? error.message : String(error), ctx.apiKey);
  const message = `${ctx.provider}: ${text}`;

  if (ctx.signal?.aborted || error instanceof sdk.APIUserAbortError) return new AbortError(`${ctx.provider}: the call was aborted`, base);
  if (error instanceof sdk.APIConnectionTimeoutError) return new TimeoutError(`${ctx.provider}: the request timed out`, base);
  if (error instanceof sdk.APIConnectionError || !(error instanceof sdk.APIError)) {
    // The transport under the SDK: no connection, a body dropped ("terminated") or not JSON.
    const failure = describeTransportFailure(error, ctx.host);
    if (failure) return transportError(failure, ctx.provider, ctx.streaming, base);
    if (error instanceof sdk.APIConnectionError) return new ConnectionError(message, base);
    return ctx.streaming
      ? new StreamInterruptedError(`${ctx.provider}: the stream broke: ${text}`, base)
      : new ProviderError(message, base);
  }

  const api = error as StainlessApiError;
  const said = ctx.errorMessage?.(api.error);
  const apiMessage = said === undefined ? message : `${ctx.provider}: ${redactSecret(api.status !== undefined ? `${api.status} ${said}` : said, ctx.apiKey)}`;
  const header = headerReader(api.headers);
  const shouldRetry = header("x-should-retry");
  const retryAfterMs = parseRetryAfter(header);
  const requestId = api.requestID ?? undefined;
  const code = ctx.errorCode(api.error);
  const options: ProxylessErrorOptions = {
    ...base,
    ...(code !== undefined ? { code } : {}),
    ...(api.status !== undefined ? { status: api.status } : {}),
    ...(requestId ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(shouldRetry === "true" || shouldRetry === "false" ? { retryable: shouldRetry === "true" } : {}),
  };
  const refined = ctx.classify({ status: api.status, body: api.error, message: apiMessage, code, header, options });
  if (refined) return refined;
  if (api.status !== undefined) return errorFromStatus(api.status, apiMessage, options);
  // An error event inside a 200 stream that the provider's classifier did not recognise.
  return new StreamInterruptedError(apiMessage, options);
}
