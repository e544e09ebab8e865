import type OpenAI from "openai";
import type * as OpenAISdk from "openai";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { finishSdkStream } from "../shared/finish-sdk-stream.js";
import { mapStainlessFailure } from "../shared/map-stainless-error.js";
import { responseMeta } from "../shared/response-meta.js";
import { SdkClientCache } from "../shared/sdk-client-cache.js";
import { sdkRequestOptions } from "../shared/sdk-request-options.js";
import { convertToOpenAIRequest } from "./convert-to-openai-request.js";
import { openAIErrorRules } from "./map-openai-error.js";
import { mapOpenAIResponse } from "./map-openai-response.js";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";
import { parseOpenAIRateLimit } from "./parse-openai-rate-limit.js";

type OpenAIModule = typeof OpenAISdk;
type ClientOptions = NonNullable<ConstructorParameters<OpenAIModule["OpenAI"]>[0]>;

/** Placeholder for keyless OpenAI-compatible servers; its `Authorization` header is removed. */
const NO_KEY = "proxyless-no-key";

/**
 * Chat Completions on the official `openai` SDK, for OpenAI and any OpenAI-compatible endpoint.
 * One SDK client per key, created on first use, with the SDK's own retries off.
 */
export class OpenAIAdapter implements ProviderAdapter {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly type: "openai" | "openai-compatible";
  readonly #settings: ProviderSettings;
  readonly #clients = new SdkClientCache<OpenAI>();

  constructor(settings: ProviderSettings & { readonly type: "openai" | "openai-compatible" }) {
    this.provider = settings.name;
    this.type = settings.type;
    this.#settings = settings;
  }

  getClient(apiKey: string | undefined): Promise<OpenAI> {
    return this.#clients.get(apiKey, () => this.#sdk().then((sdk) => new sdk.OpenAI(this.#clientOptions(apiKey ?? NO_KEY))));
  }

  #sdk(): Promise<OpenAIModule> {
    return importSdk("openai", this.provider, () => import("openai"));
  }

  #clientOptions(apiKey: string): ClientOptions {
    const { baseURL, headers, clientOptions } = this.#settings;
    return {
      // Always explicit: left undefined, the SDK would read OPENAI_API_KEY, and send it to a third party.
      apiKey,
      maxRetries: 0,
      ...(baseURL !== undefined ? { baseURL } : {}),
      // Nor may a third-party endpoint receive OpenAI org/project ids from the environment.
      ...(this.type === "openai-compatible" ? { organization: null, project: null, adminAPIKey: null } : {}),
      defaultHeaders: { ...headers, ...(apiKey === NO_KEY ? { Authorization: null } : {}) },
      ...clientOptions,
    };
  }

  async doChat(call: AdapterCall): Promise<ProviderResult> {
    const { body, warnings } = this.#body(call);
    try {
      const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const { data, response, request_id } = await client.chat.completions
        .create({ ...body, stream: false }, sdkRequestOptions(call))
        .withResponse();
      return { ...mapOpenAIResponse(data), warnings, ...responseMeta(request_id, response.headers, parseOpenAIRateLimit) };
    } catch (error) {
      throw await this.#mapError(error, call, false);
    }
  }

  async *doStream(call: AdapterCall): AsyncGenerator<ProviderStreamPart> {
    const { body, warnings } = this.#body(call);
    let streaming = false;
    try {
      const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const { data: stream, response, request_id } = await client.chat.completions
        // Usage arrives only with include_usage; `providerOptions` may still replace stream_options.
        .create({ stream_options: { include_usage: true }, ...body, stream: true }, sdkRequestOptions(call))
        .withResponse();
      streaming = true;
      yield { type: "response-metadata", warnings, ...responseMeta(request_id, response.headers, parseOpenAIRateLimit) };
      const mapper = new OpenAIStreamMapper();
      // Leaving this loop early (a consumer's break) returns the SDK's stream, which aborts the request.
      for await (const event of stream) for (const part of mapper.map(event)) yield part;
      yield finishSdkStream(mapper, this.provider);
    } catch (error) {
      throw await this.#mapError(error, call, streaming);
    }
  }

  #body(call: AdapterCall): ReturnType<typeof convertToOpenAIRequest> {
    return convertToOpenAIRequest(call.request, { model: call.model, provider: this.provider, type: this.type });
  }

  #mapError(error: unknown, call: AdapterCall, streaming: boolean): Promise<unknown> {
    return mapStainlessFailure(error, this.#sdk(), { provider: this.provider, call, streaming }, openAIErrorRules);
  }
}
