import { goDuration } from "./format-duration.js";
import { openaiError, openaiRateLimited, openaiScriptedError, openaiStreamError } from "./openai-errors.js";
import { formatOpenAIJson, formatOpenAIStream } from "./openai-format-reply.js";
import { readOpenAIConversation } from "./openai-read-request.js";
import { validateOpenAIRequest } from "./openai-validate.js";
import type { ProviderWire } from "./provider-wire.js";
import { randomId } from "./random-id.js";
import { bearerToken } from "./read-credential.js";
import { keySuffix } from "./record-request.js";

/**
 * OpenAI Chat Completions (`POST …/chat/completions`), also what OpenAI-compatible servers speak.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openaiWire: ProviderWire = {
  provider: "openai",
  sseNewline: "\n",

  readApiKey: ({ headers }) => bearerToken(headers),

  checkAuth(key, allowed) {
    if (!key) {
      return openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
        { code: "invalid_api_key" },
      );
    }
    if (allowed && !allowed.includes(key)) {
      return openaiError(401, `Incorrect API key provided: ****${keySuffix(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, {
        code: "invalid_api_key",
      });
    }
    return undefined;
  },

  invalidJson: () =>
    openaiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    ),

  validate: (body) => validateOpenAIRequest(body),
  readConversation: readOpenAIConversation,
  formatJson: formatOpenAIJson,
  formatStream: formatOpenAIStream,
  error: openaiScriptedError,
  streamError: openaiStreamError,
  rateLimited: (exceeded, { model }) => openaiRateLimited(exceeded, model),

  headers(requestId, rateLimit) {
    return {
      "x-request-id": requestId,
      "openai-version": "2020-10-01",
      ...(rateLimit && {
        "x-ratelimit-limit-requests": String(rateLimit.requests.limit),
        "x-ratelimit-limit-tokens": String(rateLimit.tokens.limit),
        "x-ratelimit-remaining-requests": String(rateLimit.requests.remaining),
        "x-ratelimit-remaining-tokens": String(rateLimit.tokens.remaining),
        "x-ratelimit-reset-requests": goDuration(rateLimit.requests.resetMs),
        "x-ratelimit-reset-tokens": goDuration(rateLimit.tokens.resetMs),
      }),
    };
  },

  newRequestId: () => randomId("req_", 32, "hex"),
};
