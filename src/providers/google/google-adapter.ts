import type { GoogleGenAI, GoogleGenAIOptions, HttpOptions } from "@google/genai";
import type * as GoogleSdk from "@google/genai";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { linkedAbortController, type LinkedAbortController } from "../../core/pipeline/linked-abort-controller.js";
import { SdkPartIterator } from "../shared/sdk-part-iterator.js";
import { SdkClientCache } from "../shared/sdk-client-cache.js";
import { hostOfUrl } from "../shared/transport-failure.js";
import { effectiveFetch, sdkFetch, warmOrigin } from "../shared/sdk-fetch.js";
import type { FetchFunction } from "../../core/types/http-transport.js";
import { convertToGoogleRequest, type GoogleRequest } from "./convert-to-google-request.js";
import { GoogleStreamMapper } from "./google-stream-mapper.js";
import { mapGoogleError } from "./map-google-error.js";
import { mapGoogleResponse } from "./map-google-response.js";

type GoogleModule = typeof GoogleSdk;

/** Where genai sends Gemini Developer API requests unless told otherwise. */
const DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

/** The Gemini API version requests go to, whatever the SDK major's default. */
const GEMINI_API_VERSION = "v1beta";

/**
 * Gemini on the official `@google/genai` SDK (the Gemini Developer API, `generativelanguage`).
 * One SDK client per key, created on first use. genai retries nothing unless
 * `httpOptions.retryOptions` is set, and proxyless leaves it unset.
 *
 * genai's automatic continuation stays on: when Gemini ends a long answer with `CONTINUATION` and a
 * token, the SDK requests the rest and merges it, so callers get the whole answer (set
 * `providerOptions.google.automaticContinuation: false` to get the partial one instead).
 *
 * Gemini exposes no request id and sends no rate-limit headers, so results carry neither.
 */
export class GoogleAdapter implements ProviderAdapter {
  readonly specificationVersion = "v1";
  readonly provider: string;
  readonly type = "google";
  readonly #settings: ProviderSettings;
  readonly #clients = new SdkClientCache<GoogleGenAI>();
  #fetch: Promise<FetchFunction | undefined> | undefined;

  constructor(settings: ProviderSettings) {
    this.provider = settings.name;
    this.#settings = settings;
  }

  getClient(apiKey: string | undefined): Promise<GoogleGenAI> {
    return this.#clients.get(apiKey, () => Promise.all([this.#sdk(), this.#sdkFetch()]).then(([sdk, fetch]) => new sdk.GoogleGenAI(this.#clientOptions(apiKey, fetch))));
  }

  async warmup(connections: number): Promise<string> {
    const [sdk, fetch] = await Promise.all([this.#sdk(), this.#sdkFetch()]);
    // A client made only to read the base URL genai resolves (httpOptions, the environment, Vertex's location).
    const ai = new sdk.GoogleGenAI(this.#clientOptions("proxyless-warmup", fetch)) as unknown as { apiClient?: { getBaseUrl?: () => string } };
    const baseURL = ai.apiClient?.getBaseUrl?.() ?? this.#settings.baseURL ?? DEFAULT_BASE_URL;
    return warmOrigin(effectiveFetch(fetch, this.#givenHttpOptions()?.fetch), baseURL, connections);
  }

  /**
   * genai takes a `fetch` in `httpOptions` from 2.23 on (earlier versions ignore it and use the
   * runtime's). One set in `clientOptions.httpOptions` wins.
   */
  #sdkFetch(): Promise<FetchFunction | undefined> {
    return (this.#fetch ??= sdkFetch(this.#settings, this.#givenHttpOptions()?.fetch !== undefined));
  }

  #givenHttpOptions(): HttpOptions | undefined {
    return (this.#settings.clientOptions as GoogleGenAIOptions | undefined)?.httpOptions;
  }

  #sdk(): Promise<GoogleModule> {
    return importSdk({ specifier: "@google/genai", entries: ["GoogleGenAI"], given: this.#settings.sdk }, this.provider);
  }

  #clientOptions(apiKey: string | undefined, fetch: FetchFunction | undefined): GoogleGenAIOptions {
    const { baseURL, headers, clientOptions = {} } = this.#settings;
    const given = (clientOptions as GoogleGenAIOptions).httpOptions;
    const allHeaders = { ...headers, ...given?.headers };
    // The v1beta API on every SDK major (@google/genai 3 moved its default to v1): the request
    // shapes proxyless sends are checked against v1beta's published schema, and an SDK upgrade must
    // not change what goes on the wire. clientOptions may choose another.
    const pinned = given?.apiVersion === undefined && !("apiVersion" in clientOptions) ? { apiVersion: GEMINI_API_VERSION } : {};
    const httpOptions: HttpOptions = {
      ...(baseURL !== undefined ? { baseUrl: baseURL } : {}),
      ...(fetch ? { fetch } : {}),
      ...pinned,
      ...given,
      ...(Object.keys(allHeaders).length > 0 ? { headers: allHeaders } : {}),
    };
    // An API key from AI Studio works on the Gemini Developer API only: stay there even when
    // GOOGLE_GENAI_USE_VERTEXAI / _ENTERPRISE is set for other code, unless clientOptions choose.
    const backend = "vertexai" in clientOptions || "enterprise" in clientOptions ? {} : { vertexai: false };
    return { ...backend, ...(apiKey !== undefined ? { apiKey } : {}), ...clientOptions, httpOptions };
  }

  async doChat(call: AdapterCall): Promise<ProviderResult> {
    const { params, warnings } = this.#params(call);
    try {
      const ai = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      // genai's own timeout covers the whole body here, which is what `timeoutMs` means for a chat;
      // the call's signal is enough to abort (genai links its own per-attempt controller to it).
      const response = await ai.models.generateContent(withCallOptions(params, call.signal, call.request.timeoutMs));
      return Object.assign(mapGoogleResponse(response), { warnings });
    } catch (error) {
      throw this.#mapError(error, call, false);
    }
  }

  doStream(call: AdapterCall): AsyncIterableIterator<ProviderStreamPart> {
    const { params, warnings } = this.#params(call);
    const abort = linkedAbortController(call.signal);
    return new SdkPartIterator({
      open: async () => {
        const ai = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
        const opening = ai.models.generateContentStream(withCallOptions(params, abort.signal, undefined));
        const stream = await untilHeaders(opening, abort, call.request.timeoutMs);
        return { events: stream[Symbol.asyncIterator](), first: { type: "response-metadata", warnings } };
      },
      mapper: new GoogleStreamMapper(),
      provider: this.provider,
      mapError: (error, streaming) => this.#mapError(error, call, streaming),
      onEnd: (complete) => {
        // Left early (a consumer's break, an error), genai only releases its body reader: the HTTP
        // response stays open until the request is aborted. After a full read the abort is a no-op.
        if (!complete) abort.abort();
        abort.dispose();
      },
    });
  }

  #params(call: AdapterCall): ReturnType<typeof convertToGoogleRequest> {
    return convertToGoogleRequest(call.request, { model: call.model, provider: this.provider });
  }

  #mapError(error: unknown, call: AdapterCall, streaming: boolean): Error {
    const host = hostOfUrl(this.#settings.baseURL);
    return mapGoogleError(error, { provider: this.provider, apiKey: call.apiKey, signal: call.signal, streaming, ...(host ? { host } : {}) });
  }
}

/** The request's config plus this call's signal and timeout (kept beside any `providerOptions` httpOptions). */
function withCallOptions(params: GoogleRequest, signal: AbortSignal | undefined, timeoutMs: number | undefined): GoogleRequest {
  const { config } = params;
  const httpOptions = timeoutMs !== undefined ? { httpOptions: { ...config.httpOptions, timeout: timeoutMs } } : {};
  // `Object.assign`, not spreads that add keys: V8 charges about a microsecond per key a spread copy gains.
  return Object.assign({}, params, { config: Object.assign({}, config, signal ? { abortSignal: signal } : undefined, httpOptions) });
}

/**
 * Waits for a stream's response headers, at most `timeoutMs`. genai's `httpOptions.timeout` stays
 * armed while the body is read, so it would cut off any stream longer than the timeout; `timeoutMs`
 * bounds only the wait for the provider to answer.
 */
async function untilHeaders<T>(opening: Promise<T>, abort: LinkedAbortController, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return opening;
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    return await opening;
  } finally {
    clearTimeout(timer);
  }
}
