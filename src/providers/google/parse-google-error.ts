import { parseDuration } from "../shared/parse-duration.js";

/** One entry of a google.rpc error's `details` (`RetryInfo`, `QuotaFailure`, `ErrorInfo`, ...). */
export interface GoogleErrorDetail {
  readonly "@type"?: string;
  readonly [field: string]: unknown;
}

/** The google.rpc error Gemini answers with: `{"error": {code, message, status, details}}`. */
export interface GoogleErrorBody {
  readonly code?: number;
  readonly message?: string;
  /** The google.rpc code name: `RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`, ... */
  readonly status?: string;
  readonly details?: readonly GoogleErrorDetail[];
}

const RPC_TYPE = "type.googleapis.com/google.rpc.";

/**
 * The error body inside an `ApiError` message. `@google/genai` puts the whole JSON body there for an
 * HTTP error (a non-JSON body wrapped as `{"error": {message, code, status: statusText}}`), and
 * `got status: <status>. <json>` for an error chunk inside a stream.
 */
export function parseGoogleErrorBody(message: string): GoogleErrorBody | undefined {
  const start = message.search(/[[{]/);
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.slice(start));
  } catch {
    return undefined;
  }
  // Some endpoints answer with a one-element array around the envelope.
  const envelope: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  const error = typeof envelope === "object" && envelope !== null ? (envelope as { error?: unknown }).error : undefined;
  return typeof error === "object" && error !== null ? error : undefined;
}

function detailsOf(body: GoogleErrorBody | undefined, type: string): GoogleErrorDetail[] {
  // Read defensively: the body is whatever the server sent.
  const details: unknown = body?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d: unknown): d is GoogleErrorDetail => typeof d === "object" && d !== null && (d as GoogleErrorDetail)["@type"] === RPC_TYPE + type,
  );
}

/**
 * How long Gemini asks to wait: `RetryInfo.retryDelay` (a protobuf Duration, `"37s"`), else the
 * "Please retry in 37.5s." its 429 messages carry.
 */
export function googleRetryDelayMs(body: GoogleErrorBody | undefined): number | undefined {
  for (const info of detailsOf(body, "RetryInfo")) {
    const delay = typeof info.retryDelay === "string" ? parseDuration(info.retryDelay) : undefined;
    if (delay !== undefined) return delay;
  }
  const inMessage = /retry in (\d+(?:\.\d+)?(?:ms|s))\b/i.exec(body?.message ?? "")?.[1];
  return parseDuration(inMessage);
}

/**
 * Whether a 429 is a quota that waiting a minute will not restore: a daily quota (`quotaId` with
 * `PerDay` or `Daily`) or prepaid credit used up. This is how Google's own gemini-cli tells them
 * apart from per-minute limits.
 */
export function isGoogleQuotaExhausted(body: GoogleErrorBody | undefined): boolean {
  const daily = detailsOf(body, "QuotaFailure").some(
    (failure) =>
      Array.isArray(failure.violations) &&
      failure.violations.some((v: { quotaId?: unknown } | null) => typeof v?.quotaId === "string" && /PerDay|Daily/.test(v.quotaId)),
  );
  return daily || googleErrorReasons(body).includes("INSUFFICIENT_G1_CREDITS_BALANCE");
}

/** The `ErrorInfo.reason` values (`API_KEY_INVALID`, ...). */
export function googleErrorReasons(body: GoogleErrorBody | undefined): string[] {
  return detailsOf(body, "ErrorInfo").flatMap((info) => (typeof info.reason === "string" ? [info.reason] : []));
}
