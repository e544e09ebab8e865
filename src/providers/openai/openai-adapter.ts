import type OpenAI from "openai";
import type * as OpenAISdk from "openai";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { FetchFunction } from "../../core/types/http-transport.js";
import type { AdapterCall, ProviderSettings } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { StainlessAdapter, type StainlessRequest, type StainlessRequestOptions } from "../shared/stainless-adapter.js";
import { SSE_END } from "../shared/sse-events.js";
import type { SseMessage } from "../shared/sse-reader.js";
import { STAINLESS_ERROR_CLASSES } from "../shared/map-stainless-error.js";
import { convertToOpenAIRequest } from "./convert-to-openai-request.js";
import { openAIErrorRules } from "./map-openai-error.js";
import { mapOpenAIResponse } from "./map-openai-response.js";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";
import { parseOpenAIRateLimit } from "./parse-openai-rate-limit.js";

/** Merged with `Object.assign`, not spread after the body: V8 charges about a microsecond per key a spread copy gains. */
const STREAM_OFF = { stream: false } as const;
const STREAM_ON = { stream: true } as const;

type OpenAIModule = typeof OpenAISdk;

/** Placeholder for keyless OpenAI-compatible servers; its `Authorization` header is removed. */
const NO_KEY = "proxyless-no-key";

/** Chat Completions on the official `openai` SDK, for OpenAI and any OpenAI-compatible endpoint. */
export class OpenAIAdapter extends StainlessAdapter<OpenAIModule, OpenAI, ChatCompletionCreateParamsBase, ChatCompletion, ChatCompletionChunk> {
  readonly type: "openai" | "openai-compatible";
  protected readonly parseRateLimit = parseOpenAIRateLimit;
  protected readonly errorRules = openAIErrorRules;

  constructor(settings: ProviderSettings & { readonly type: "openai" | "openai-compatible" }) {
    super(settings);
    this.type = settings.type;
  }

  protected sdk(): Promise<OpenAIModule> {
    return importSdk({ specifier: "openai", entries: ["OpenAI", ...STAINLESS_ERROR_CLASSES], given: this.settings.sdk }, this.provider);
  }

  protected createClient(sdk: OpenAIModule, apiKey: string | undefined, fetch: FetchFunction | undefined): OpenAI {
    const { baseURL, headers, clientOptions } = this.settings;
    const key = apiKey ?? NO_KEY;
    return new sdk.OpenAI({
      // Always explicit: left undefined, the SDK would read OPENAI_API_KEY, and send it to a third party.
      apiKey: key,
      maxRetries: 0,
      ...(baseURL !== undefined ? { baseURL } : {}),
      // Nor may a third-party endpoint receive OpenAI org/project ids from the environment.
      ...(this.type === "openai-compatible" ? { organization: null, project: null, adminAPIKey: null } : {}),
      defaultHeaders: { ...headers, ...(key === NO_KEY ? { Authorization: null } : {}) },
      ...(fetch ? { fetch } : {}),
      ...clientOptions,
    });
  }

  protected convert(call: AdapterCall): ReturnType<typeof convertToOpenAIRequest> {
    return convertToOpenAIRequest(call.request, { model: call.model, provider: this.provider, type: this.type });
  }

  protected sendChat(client: OpenAI, body: ChatCompletionCreateParamsBase, options: StainlessRequestOptions): StainlessRequest<ChatCompletion> {
    return client.chat.completions.create(Object.assign({}, body, STREAM_OFF), options);
  }

  protected sendStream(client: OpenAI, body: ChatCompletionCreateParamsBase, options: StainlessRequestOptions): StainlessRequest<AsyncIterable<ChatCompletionChunk>> {
    // Usage arrives only with include_usage; `providerOptions` may still replace stream_options.
    return client.chat.completions.create(Object.assign({ stream_options: { include_usage: true } }, body, STREAM_ON), options);
  }

  protected readonly requestIdHeader = "x-request-id";

  /** As `openai`'s own stream: `[DONE]` ends it, an `error` in the data is the SDK's APIError. */
  protected decodeEvent(sdk: OpenAIModule, message: SseMessage, headers: Headers): ChatCompletionChunk | undefined | typeof SSE_END {
    if (message.data.startsWith("[DONE]")) return SSE_END;
    // Assistants' events; a chat stream has none.
    if (message.event?.startsWith("thread.") === true) return undefined;
    const data = JSON.parse(message.data) as (ChatCompletionChunk & { error?: unknown }) | null;
    if (data?.error) throw new sdk.APIError(undefined, data.error, undefined, headers);
    return data ?? undefined;
  }

  protected mapResponse(data: ChatCompletion): ReturnType<typeof mapOpenAIResponse> {
    return mapOpenAIResponse(data);
  }

  protected streamMapper(): OpenAIStreamMapper {
    return new OpenAIStreamMapper();
  }
}
