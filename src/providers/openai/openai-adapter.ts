import type OpenAI from "openai";
import type * as OpenAISdk from "openai";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { mapStainlessError } from "../shared/map-stainless-error.js";
import { headerReader } from "../shared/retry-after.js";
import { convertToOpenAIRequest } from "./convert-to-openai-request.js";
import { classifyOpenAIError, openAIErrorCode } from "./map-openai-error.js";
import { mapOpenAIResponse } from "./map-openai-response.js";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";
import { parseOpenAIRateLimit } from "./parse-openai-rate-limit.js";

type OpenAIModule = typeof OpenAISdk;

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
  readonly #clients = new Map<string, Promise<OpenAI>>();

  constructor(settings: ProviderSettings & { readonly type: "openai" | "openai-compatible" }) {
    this.provider = settings.name;
    this.type = settings.type;
    this.#settings = settings;
  }

  getClient(apiKey: string | undefined): Promise<OpenAI> {
    const key = apiKey ?? NO_KEY;
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#sdk().then((sdk) => new sdk.OpenAI(this.#clientOptions(key)));
      client.catch(() => this.#clients.delete(key));
      this.#clients.set(key, client);
    }
    return client;
  }

  #sdk(): Promise<OpenAIModule> {
    return importSdk("openai", this.provider, () => import("openai"));
  }

  #clientOptions(apiKey: string): ConstructorParameters<OpenAIModule["OpenAI"]>[0] {
    const { baseURL, headers, clientOptions } = this.#settings;
    const compatible = this.type === "openai-compatible";
    return {
      apiKey,
      maxRetries: 0,
      ...(baseURL !== undefined ? { baseURL } : {}),
      // A third-party endpoint must not receive OpenAI org/project ids from the environment.
      ...(compatible ? { organization: null, project: null, adminAPIKey: null } : {}),
      defaultHeaders: { ...headers, ...(apiKey === NO_KEY ? { Authorization: null } : {}) },
      ...clientOptions,
    };
  }

  async doChat(call: AdapterCall): Promise<ProviderResult> {
    const { body, warnings } = this.#body(call);
    try {
      const client = await this.getClient(call.apiKey);
      const { data, response, request_id } = await client.chat.completions
        .create({ ...body, stream: false }, this.#requestOptions(call))
        .withResponse();
      const rateLimit = parseOpenAIRateLimit(headerReader(response.headers));
      return {
        ...mapOpenAIResponse(data),
        warnings,
        ...(request_id ? { requestId: request_id } : {}),
        ...(rateLimit ? { rateLimit } : {}),
      };
    } catch (error) {
      throw await this.#mapError(error, call, false);
    }
  }

  async *doStream(call: AdapterCall): AsyncGenerator<ProviderStreamPart> {
    const { body, warnings } = this.#body(call);
    const mapper = new OpenAIStreamMapper();
    let streaming = false;
    try {
      const client = await this.getClient(call.apiKey);
      const { data: stream, response, request_id } = await client.chat.completions
        .create({ ...body, stream: true, stream_options: { include_usage: true } }, this.#requestOptions(call))
        .withResponse();
      streaming = true;
      const rateLimit = parseOpenAIRateLimit(headerReader(response.headers));
      yield { type: "response-metadata", warnings, ...(request_id ? { requestId: request_id } : {}), ...(rateLimit ? { rateLimit } : {}) };
      // Leaving this loop early (a consumer's break) runs the SDK stream's return(), which aborts the request.
      for await (const chunk of stream) yield* mapper.map(chunk);
      if (!mapper.finished) {
        throw new StreamInterruptedError(`${this.provider}: the stream ended without a finish reason`, { provider: this.provider });
      }
      yield mapper.finish();
    } catch (error) {
      throw await this.#mapError(error, call, streaming);
    }
  }

  #body(call: AdapterCall): ReturnType<typeof convertToOpenAIRequest> {
    return convertToOpenAIRequest(call.request, { model: call.model, provider: this.provider, type: this.type });
  }

  #requestOptions(call: AdapterCall): { signal: AbortSignal; timeout?: number } {
    const { timeoutMs } = call.request;
    return timeoutMs !== undefined ? { signal: call.signal, timeout: timeoutMs } : { signal: call.signal };
  }

  async #mapError(error: unknown, call: AdapterCall, streaming: boolean): Promise<Error> {
    const sdk = await this.#sdk().catch(() => undefined);
    if (!sdk) return error as Error;
    return mapStainlessError(error, sdk, {
      provider: this.provider,
      apiKey: call.apiKey,
      signal: call.signal,
      streaming,
      errorCode: openAIErrorCode,
      classify: classifyOpenAIError,
    });
  }
}
