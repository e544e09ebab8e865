import { anthropicError, anthropicInvalid, anthropicRateLimited, anthropicScriptedError, anthropicStreamError } from "./anthropic-errors.js";
import { formatAnthropicJson, formatAnthropicStream } from "./anthropic-format-reply.js";
import { readAnthropicConversation } from "./anthropic-read-request.js";
import { validateAnthropicRequest } from "./anthropic-validate.js";
import type { ProviderWire } from "./provider-wire.js";
import type { LimitState } from "./rate-limiter.js";
import { randomId } from "./random-id.js";
import { bearerToken, headerValue } from "./read-credential.js";

/**
 * Anthropic Messages (`POST /v1/messages`).
 * @see https://docs.claude.com/en/api/messages
 */
export const anthropicWire: ProviderWire = {
  provider: "anthropic",
  sseNewline: "\n",

  // Newer SDKs send the API key as a bearer token; the API takes both.
  readApiKey: ({ headers }) => headerValue(headers, "x-api-key") ?? bearerToken(headers),

  checkAuth(key, allowed, requestId) {
    if (!key) return anthropicError(401, "authentication_error", "x-api-key header is required", requestId);
    if (allowed && !allowed.includes(key)) return anthropicError(401, "authentication_error", "invalid x-api-key", requestId);
    return undefined;
  },

  invalidJson: (detail, requestId) => anthropicInvalid(`There was an error parsing the body of your request: ${detail}`, requestId),
  validate: (body, { headers, signer }, requestId) => validateAnthropicRequest(body, headers, requestId, signer),
  readConversation: readAnthropicConversation,
  formatJson: formatAnthropicJson,
  formatStream: formatAnthropicStream,
  error: anthropicScriptedError,
  streamError: anthropicStreamError,
  rateLimited: (exceeded, { model, requestId }) => anthropicRateLimited(exceeded, model, requestId),

  /** @see https://docs.claude.com/en/api/rate-limits#response-headers */
  headers(requestId, rateLimit) {
    return {
      "request-id": requestId,
      ...(rateLimit && {
        ...limitHeaders("requests", rateLimit.requests),
        ...limitHeaders("tokens", rateLimit.tokens),
        ...limitHeaders("input-tokens", rateLimit.inputTokens),
        ...limitHeaders("output-tokens", rateLimit.outputTokens),
      }),
    };
  },

  newRequestId: () => randomId("req_011C", 20),
};

/** Resets are RFC 3339 timestamps, to the second. */
function limitHeaders(name: string, state: LimitState): Record<string, string> {
  const reset = new Date(Math.ceil(state.resetAt / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    [`anthropic-ratelimit-${name}-limit`]: String(state.limit),
    [`anthropic-ratelimit-${name}-remaining`]: String(state.remaining),
    [`anthropic-ratelimit-${name}-reset`]: reset,
  };
}
