import type Anthropic from "@anthropic-ai/sdk";
import type * as AnthropicSdk from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsBase, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import type { FetchFunction } from "../../core/types/http-transport.js";
import type { AdapterCall } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import type { SseMessage } from "../shared/sse-reader.js";
import { StainlessAdapter, type StainlessRequest, type StainlessRequestOptions } from "../shared/stainless-adapter.js";
import { STAINLESS_ERROR_CLASSES } from "../shared/map-stainless-error.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request.js";
import { anthropicErrorRules } from "./map-anthropic-error.js";
import { mapAnthropicResponse } from "./map-anthropic-response.js";
import { parseAnthropicRateLimit } from "./parse-anthropic-rate-limit.js";

/** Merged with `Object.assign`, not spread after the body: V8 charges about a microsecond per key a spread copy gains. */
const STREAM_OFF = { stream: false } as const;
const STREAM_ON = { stream: true } as const;

type AnthropicModule = typeof AnthropicSdk;

/** The SDK's credential options: it accepts at most one of them. */
const CREDENTIAL_OPTIONS = ["apiKey", "authToken", "credentials", "config", "profile"] as const;

/**
 * The Messages API on the official `@anthropic-ai/sdk`. Streams iterate the raw events (not
 * `MessageStream`, which re-assembles a message we do not need).
 */
export class AnthropicAdapter extends StainlessAdapter<AnthropicModule, Anthropic, MessageCreateParamsBase, Message, RawMessageStreamEvent> {
  readonly type = "anthropic";
  protected readonly parseRateLimit = parseAnthropicRateLimit;
  protected readonly errorRules = anthropicErrorRules;

  protected sdk(): Promise<AnthropicModule> {
    return importSdk({ specifier: "@anthropic-ai/sdk", entries: ["Anthropic", ...STAINLESS_ERROR_CLASSES], given: this.settings.sdk }, this.provider);
  }

  protected createClient(sdk: AnthropicModule, apiKey: string | undefined, fetch: FetchFunction | undefined): Anthropic {
    const { baseURL, headers, clientOptions } = this.settings;
    // A key we pass is the client's only credential: the SDK then reads none from the environment
    // (no ANTHROPIC_AUTH_TOKEN, no profile files). A credential the user put in clientOptions wins
    // instead, as the SDK rejects two. Without either, the SDK resolves one as it documents.
    const ownCredential = CREDENTIAL_OPTIONS.some((name) => clientOptions?.[name] != null);
    return new sdk.Anthropic({
      ...(apiKey !== undefined && !ownCredential ? { apiKey, authToken: null } : {}),
      maxRetries: 0,
      ...(baseURL !== undefined ? { baseURL } : {}),
      ...(headers !== undefined ? { defaultHeaders: { ...headers } } : {}),
      ...(fetch ? { fetch } : {}),
      ...clientOptions,
    });
  }

  protected convert(call: AdapterCall): ReturnType<typeof convertToAnthropicRequest> {
    return convertToAnthropicRequest(call.request, { model: call.model, provider: this.provider });
  }

  protected sendChat(client: Anthropic, body: MessageCreateParamsBase, options: StainlessRequestOptions): StainlessRequest<Message> {
    return client.messages.create(Object.assign({}, body, STREAM_OFF), options);
  }

  protected sendStream(client: Anthropic, body: MessageCreateParamsBase, options: StainlessRequestOptions): StainlessRequest<AsyncIterable<RawMessageStreamEvent>> {
    return client.messages.create(Object.assign({}, body, STREAM_ON), options);
  }

  protected readonly requestIdHeader = "request-id";

  /** As `@anthropic-ai/sdk`'s own stream: pings and nameless events skipped, an `error` event the SDK's APIError. */
  protected decodeEvent(sdk: AnthropicModule, message: SseMessage, headers: Headers): RawMessageStreamEvent | undefined {
    const { event, data } = message;
    if (event === "ping" || event === undefined) return undefined;
    if (event === "error") {
      const body = safeJson(data) ?? data;
      const type = (body as { error?: { type?: unknown } } | null)?.error?.type;
      throw new sdk.APIError(undefined, body, undefined, headers, typeof type === "string" ? (type as never) : undefined);
    }
    if (!data) return undefined;
    return JSON.parse(data) as RawMessageStreamEvent;
  }

  protected mapResponse(data: Message): ReturnType<typeof mapAnthropicResponse> {
    return mapAnthropicResponse(data);
  }

  protected streamMapper(): AnthropicStreamMapper {
    return new AnthropicStreamMapper();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
