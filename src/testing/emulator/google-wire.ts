import { googleError, googleInvalidKey, googleRateLimited, googleScriptedError, googleStreamError } from "./google-errors.js";
import { formatGoogleJson, formatGoogleStream } from "./google-format-reply.js";
import { readGoogleConversation } from "./google-read-request.js";
import { validateGoogleRequest } from "./google-validate.js";
import type { ProviderWire } from "./provider-wire.js";
import { randomId } from "./random-id.js";
import { headerValue } from "./read-credential.js";

/**
 * Gemini API `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`.
 * Gemini sends no rate-limit headers and no request id the SDK reads.
 * @see https://ai.google.dev/api/generate-content
 */
export const googleWire: ProviderWire = {
  provider: "google",
  sseNewline: "\r\n",

  readApiKey: ({ headers, query }) => headerValue(headers, "x-goog-api-key") ?? (query.key || undefined),

  checkAuth(key, allowed) {
    if (!key) {
      return googleError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
    }
    return allowed && !allowed.includes(key) ? googleInvalidKey() : undefined;
  },

  invalidJson: (detail) => googleError(400, `Invalid JSON payload received. ${detail}`),
  validate: (body, { model }) => validateGoogleRequest(body, model),
  readConversation: readGoogleConversation,
  formatJson: formatGoogleJson,
  formatStream: formatGoogleStream,
  error: googleScriptedError,
  streamError: googleStreamError,
  rateLimited: (exceeded, { model }) => googleRateLimited(exceeded, model),
  headers: () => ({}),
  newRequestId: () => randomId("", 16, "hex"),
};
