import type { GoogleGenAI, GoogleGenAIOptions, HttpOptions } from "@google/genai";
import type * as GoogleSdk from "@google/genai";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { importSdk } from "../shared/import-sdk.js";
import { linkedAbortController, type LinkedAbortController } from "../../core/pipeline/linked-abort-controller.js";
import { finishSdkStream } from "../shared/finish-sdk-stream.js";
import { SdkClientCache } from "../shared/sdk-client-cache.js";
import { hostOfUrl } from "../shared/transport-failure.js";
import { convertToGoogleRequest, type GoogleRequest } from "./convert-to-google-request.js";
import { GoogleStreamMapper } from "./google-stream-mapper.js";
import { mapGoogleError } from "./map-google-error.js";
import { mapGoogleResponse } from "./map-google-response.js";

type GoogleModule = typeof GoogleSdk;

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

  constructor(settings: ProviderSettings) {
    this.provider = settings.name;
    this.#settings = settings;
  }

  getClient(apiKey: string | undefined): Promise<GoogleGenAI> {
    return this.#clients.get(apiKey, () => this.#sdk().then((sdk) => new sdk.GoogleGenAI(this.#clientOptions(apiKey))));
  }

  #sdk(): Promise<GoogleModule> {
    return importSdk({ specifier: "@google/genai", entries: ["GoogleGenAI"], given: this.#settings.sdk }, this.provider);
  }

  #clientOptions(apiKey: string | undefined): GoogleGenAIOptions {
    const { baseURL, headers, clientOptions = {} } = this.#settings;
    const given = (clientOptions as GoogleGenAIOptions).httpOptions;
    const allHeaders = { ...headers, ...given?.headers };
    // The v1beta API on every SDK major (@google/genai 3 moved its default to v1): the request
    // shapes proxyless sends are checked against v1beta's published schema, and an SDK upgrade must
    // not change what goes on the wire. clientOptions may choose another.
    const pinned = given?.apiVersion === undefined && !("apiVersion" in clientOptions) ? { apiVersion: GEMINI_API_VERSION } : {};
    const httpOptions: HttpOptions = {
      ...(baseURL !== undefined ? { baseUrl: baseURL } : {}),
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

  async *doStream(call: AdapterCall): AsyncGenerator<ProviderStreamPart> {
    const { params, warnings } = this.#params(call);
    const abort = linkedAbortController(call.signal);
    let streaming = false;
    let done = false;
    try {
      const ai = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const opening = ai.models.generateContentStream(withCallOptions(params, abort.signal, undefined));
      const stream = await untilHeaders(opening, abort, call.request.timeoutMs);
      streaming = true;
      yield { type: "response-metadata", warnings };
      const mapper = new GoogleStreamMapper();
      // Leaving early (a consumer's break) only releases genai's reader: the finally aborts the request.
      for await (const event of stream) for (const part of mapper.map(event)) yield part;
      yield finishSdkStream(mapper, this.provider);
      done = true;
    } catch (error) {
      throw this.#mapError(error, call, streaming);
    } finally {
      // Left early (a consumer's break, an error), genai only releases its body reader: the HTTP
      // response stays open until the request is aborted. After a full read the abort is a no-op.
      if (!done) abort.abort();
      abort.dispose();
    }
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
