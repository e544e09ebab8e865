import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderSettings, ProviderStreamPart } from "../../core/types/provider-adapter.js";
import type { Warning } from "../../core/types/warning.js";
import type { SdkStreamMapper } from "./finish-sdk-stream.js";
import { SdkPartIterator } from "./sdk-part-iterator.js";
import { SseEvents, type SSE_END } from "./sse-events.js";
import { SseReader, type SseMessage } from "./sse-reader.js";
import { mapStainlessFailure, type StainlessErrorClasses, type StainlessErrorRules } from "./map-stainless-error.js";
import { responseMeta, type RateLimitParser } from "./response-meta.js";
import { SdkClientCache } from "./sdk-client-cache.js";
import { sdkRequestOptions } from "./sdk-request-options.js";
import { hostOfUrl } from "./transport-failure.js";
import { linkedAbortController } from "../../core/pipeline/linked-abort-controller.js";
import { effectiveFetch, sdkFetch, warmOrigin } from "./sdk-fetch.js";
import type { FetchFunction } from "../../core/types/http-transport.js";

/** A request of a Stainless SDK (`openai`, `@anthropic-ai/sdk`): a promise that can also give the HTTP response. */
export interface StainlessRequest<Data> {
  withResponse(): Promise<{ readonly data: Data; readonly response: Response; readonly request_id?: string | null }>;
  /** The HTTP response as soon as its headers are in, the body unread. */
  asResponse(): Promise<Response>;
}

/** The per-request options both SDKs take. */
export type StainlessRequestOptions = ReturnType<typeof sdkRequestOptions>;

/**
 * The adapter both Stainless-generated SDKs share: one client per key, the SDK's retries off, the
 * request id and rate-limit headers read from the response, a stream's events read from its raw
 * response by proxyless's SSE reader and mapped in one iterator, errors mapped by the shared
 * Stainless rules. A provider supplies only what differs: its SDK, its body, its endpoint call,
 * its event decoder and its mappers.
 */
export abstract class StainlessAdapter<Sdk extends StainlessErrorClasses, Client extends { readonly baseURL: string }, Body, Completion, Event> implements ProviderAdapter {
  readonly specificationVersion = "v1";
  readonly provider: string;
  abstract readonly type: string;
  protected readonly settings: ProviderSettings;
  readonly #clients = new SdkClientCache<Client>();
  #fetch: Promise<FetchFunction | undefined> | undefined;
  #sdk: Sdk | undefined;

  constructor(settings: ProviderSettings) {
    this.provider = settings.name;
    this.settings = settings;
  }

  /** Imports the SDK (once; a missing package is a `ConfigError` naming it). */
  protected abstract sdk(): Promise<Sdk>;
  /** A client of the SDK; `fetch`, when given, goes before `clientOptions` (a `fetch` there wins). */
  protected abstract createClient(sdk: Sdk, apiKey: string | undefined, fetch: FetchFunction | undefined): Client;
  protected abstract convert(call: AdapterCall): { body: Body; warnings: Warning[] };
  protected abstract sendChat(client: Client, body: Body, options: StainlessRequestOptions): StainlessRequest<Completion>;
  protected abstract sendStream(client: Client, body: Body, options: StainlessRequestOptions): StainlessRequest<AsyncIterable<Event>>;
  /**
   * One SSE message of a stream as the SDK's own stream decodes it: the event, `undefined` for one
   * it skips, {@link SSE_END}; the SDK's `APIError` for an error event.
   */
  protected abstract decodeEvent(sdk: Sdk, message: SseMessage, headers: Headers): Event | undefined | typeof SSE_END;
  /** The response header with the provider's request id. */
  protected abstract readonly requestIdHeader: string;
  protected abstract mapResponse(data: Completion): Omit<ProviderResult, "warnings" | "requestId" | "rateLimit">;
  protected abstract streamMapper(): SdkStreamMapper<Event>;
  protected abstract readonly parseRateLimit: RateLimitParser;
  protected abstract readonly errorRules: StainlessErrorRules;

  getClient(apiKey: string | undefined): Promise<Client> {
    return this.#clients.get(apiKey, () => Promise.all([this.sdk(), this.#sdkFetch()]).then(([sdk, fetch]) => this.createClient(sdk, apiKey, fetch)));
  }

  async warmup(connections: number): Promise<string> {
    const [sdk, fetch] = await Promise.all([this.sdk(), this.#sdkFetch()]);
    // A client made only to read the base URL the SDK resolves (clientOptions, the environment, its default).
    const { baseURL } = this.createClient(sdk, "proxyless-warmup", fetch);
    const options = this.settings.clientOptions;
    return warmOrigin(effectiveFetch(fetch, options?.fetch), baseURL, connections, options?.fetchOptions ?? {});
  }

  #sdkFetch(): Promise<FetchFunction | undefined> {
    const options = this.settings.clientOptions;
    const own = options?.fetch !== undefined || (options?.fetchOptions as { dispatcher?: unknown } | undefined)?.dispatcher !== undefined;
    return (this.#fetch ??= sdkFetch(this.settings, own));
  }

  async doChat(call: AdapterCall): Promise<ProviderResult> {
    const { body, warnings } = this.convert(call);
    try {
      const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
      const sent = this.sendChat(client, body, sdkRequestOptions(call));
      // The same response promise as `withResponse`'s: this only notes when the headers came.
      let headersAt: number | undefined;
      sent.asResponse().then(
        () => void (headersAt = performance.now()),
        () => undefined,
      );
      const { data, response, request_id } = await sent.withResponse();
      // `Object.assign` rather than a spread with more keys after it: V8 charges about a
      // microsecond per key added to a spread copy, on every call.
      const result: { -readonly [K in keyof ProviderResult]: ProviderResult[K] } = Object.assign(this.mapResponse(data), { warnings }, responseMeta(request_id, response.headers, this.parseRateLimit));
      if (headersAt !== undefined) result.headersAt = headersAt;
      return result;
    } catch (error) {
      throw await this.#mapError(error, call, false);
    }
  }

  doStream(call: AdapterCall): AsyncIterableIterator<ProviderStreamPart> {
    const { body, warnings } = this.convert(call);
    // The request's own signal, so that a stream left early aborts it whatever `fetch` is under the SDK.
    const abort = linkedAbortController(call.signal);
    return new SdkPartIterator<Event>({
      open: async () => {
        const client = this.#clients.ready(call.apiKey) ?? (await this.getClient(call.apiKey));
        // The SDK sends the request and turns an error status into its APIError; the body's events
        // are read here, as the SDK would read them, at a fraction of its cost per event.
        const response = await this.sendStream(client, body, Object.assign(sdkRequestOptions(call), { signal: abort.signal })).asResponse();
        const sdk = this.#sdk ?? (this.#sdk = await this.sdk());
        const headers = response.headers;
        if (!response.body) throw new SyntaxError("the stream's response has no body");
        const first: ProviderStreamPart = { type: "response-metadata", warnings, ...responseMeta(headers.get(this.requestIdHeader), headers, this.parseRateLimit) };
        return { events: new SseEvents<Event>(new SseReader(response.body), (message) => this.decodeEvent(sdk, message, headers), call.signal), first };
      },
      mapper: this.streamMapper(),
      provider: this.provider,
      mapError: (error, streaming) => this.#mapError(error, call, streaming),
      onEnd: (complete) => {
        if (!complete) abort.abort();
        abort.dispose();
      },
    });
  }

  #mapError(error: unknown, call: AdapterCall, streaming: boolean): Promise<unknown> {
    return mapStainlessFailure(error, this.sdk(), { provider: this.provider, call, streaming, host: hostOfUrl(this.settings.baseURL) }, this.errorRules);
  }
}
