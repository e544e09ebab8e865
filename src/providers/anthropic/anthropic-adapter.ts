import type Anthropic from "@anthropic-ai/sdk";
import type * as AnthropicSdk from "@anthropic-ai/sdk";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { finishSdkStream } from "../shared/finish-sdk-stream.js";
import { mapStainlessFailure } from "../shared/map-stainless-error.js";
import { responseMeta } from "../shared/response-meta.js";
import { SdkClientCache } from "../shared/sdk-client-cache.js";
import { sdkRequestOptions } from "../shared/sdk-request-options.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { convertToAnthropicRequest } from "./convert-to-anthropic-request.js";
import { anthropicErrorRules } from "./map-anthropic-error.js";
import { mapAnthropicResponse } from "./map-anthropic-response.js";
import { parseAnthropicRateLimit } from "./parse-anthropic-rate-limit.js";

type AnthropicModule = typeof AnthropicSdk;
type ClientOptions = NonNullable<ConstructorParameters<AnthropicModule["Anthropic"]>[0]>;

/** The SDK's credential options: it accepts at most one of them. */
const CREDENTIAL_OPTIONS = ["apiKey", "authToken", "credentials", "config", "profile"] as const;

/**
 * The Messages API on the official `@anthropic-ai/sdk`. One SDK client per key, created on first
 * use, with the SDK's own retries off; streams iterate the raw events (not `MessageStream`, which
 * re-assembles a message we do not need).
 */
export class AnthropicAdapter implements ProviderAdapter {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly type = "anthropic";
  readonly #settings: ProviderSettings;
  readonly #clients = new SdkClientCache<Anthropic>();

  constructor(settings: ProviderSettings) {
    this.provider = settings.name;
    this.#settings = settings;
  }

  getClient(apiKey: string | undefined): Promise<Anthropic> {
    return this.#clients.get(apiKey, () => this.#sdk().then((sdk) => new sdk.Anthropic(this.#clientOptions(apiKey))));
  }

  #sdk(): Promise<AnthropicModule> {
    return importSdk("@anthropic-ai/sdk", this.provider, () => import("@anthropic-ai/sdk"));
  }

  #clientOptions(apiKey: string | undefined): ClientOptions {
    const { baseURL, headers, clientOptions } = this.#settings;
    // A key we pass is the client's only credential: the SDK then reads none from the environment
    // (no ANTHROPIC_AUTH_TOKEN, no profile files). A credential the user put in clientOptions wins
    // instead, as the SDK rejects two. Without either, the SDK resolves one as it documents.
    const ownCredential = CREDENTIAL_OPTIONS.some((name) => clientOptions?.[name] != null);
    return {
      ...(apiKey !== undefined && !ownCredential ? { apiKey, authToken: null } : {}),
      maxRetries: 0,
      ...(baseURL !== undefined ? { baseURL } : {}),
      ...(headers !== undefined ? { defaultHeaders: { ...headers } } : {}),
      ...clientOptions,
    };
  }

  async doChat(call: AdapterCall): Promise<ProviderResult> {
    const { body, warnings } = this.#body(call);
    try {
      const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const { data, response, request_id } = await client.messages
        .create({ ...body, stream: false }, sdkRequestOptions(call))
        .withResponse();
      return { ...mapAnthropicResponse(data), warnings, ...responseMeta(request_id, response.headers, parseAnthropicRateLimit) };
    } catch (error) {
      throw await this.#mapError(error, call, false);
    }
  }

  async *doStream(call: AdapterCall): AsyncGenerator<ProviderStreamPart> {
    const { body, warnings } = this.#body(call);
    let streaming = false;
    try {
      const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const { data: stream, response, request_id } = await client.messages
        .create({ ...body, stream: true }, sdkRequestOptions(call))
        .withResponse();
      streaming = true;
      yield { type: "response-metadata", warnings, ...responseMeta(request_id, response.headers, parseAnthropicRateLimit) };
      const mapper = new AnthropicStreamMapper();
      // Leaving this loop early (a consumer's break) returns the SDK's stream, which aborts the request.
      for await (const event of stream) for (const part of mapper.map(event)) yield part;
      yield finishSdkStream(mapper, this.provider);
    } catch (error) {
      throw await this.#mapError(error, call, streaming);
    }
  }

  #body(call: AdapterCall): ReturnType<typeof convertToAnthropicRequest> {
    return convertToAnthropicRequest(call.request, { model: call.model, provider: this.provider });
  }

  #mapError(error: unknown, call: AdapterCall, streaming: boolean): Promise<unknown> {
    return mapStainlessFailure(error, this.#sdk(), { provider: this.provider, call, streaming }, anthropicErrorRules);
  }
}
