import type { ChatRequest } from "./chat-request.js";
import type { FinishReason } from "./finish-reason.js";
import type { FetchFunction, HttpTransport } from "./http-transport.js";
import type { ProviderMetadata } from "./provider-metadata.js";
import type { RateLimitInfo } from "./rate-limit-info.js";
import type { Usage } from "./usage.js";
import type { Warning } from "./warning.js";

/**
 * The provider contract, version 1. Adapters implement it; core calls it. Nothing here names a
 * provider: each adapter keeps its provider's quirks in its own folder.
 *
 * Naming: the `do` prefix keeps these apart from the user-facing `chat`/`stream`, which add
 * validation, middleware, routing and response finalisation around them.
 */
export interface ProviderAdapter {
  readonly specificationVersion: "v1";
  /** Configured provider name (`openai`, `groq`, ...). */
  readonly provider: string;
  /** Provider type: the key read in `providerOptions` and written in `providerMetadata`. */
  readonly type: string;
  /** One non-streaming call. Throws a `ProxylessError` subclass. */
  doChat(call: AdapterCall): Promise<ProviderResult>;
  /**
   * One streaming call. Ends with exactly one `finish` part; throws a `ProxylessError` subclass.
   * Returning early from the iterator (a consumer's `break`) must abort the HTTP request.
   */
  doStream(call: AdapterCall): AsyncIterable<ProviderStreamPart>;
  /** The configured official SDK client for a key: the raw escape hatch behind `llm.raw()`. */
  getClient?(apiKey: string | undefined): Promise<unknown>;
  /**
   * Opens `connections` connections to the provider's origin (`GET /`, no key sent) through
   * the `fetch` its SDK uses, and keeps them for the next calls. Resolves to the origin warmed.
   */
  warmup?(connections: number): Promise<string>;
}

/** What core hands an adapter for one attempt. */
export interface AdapterCall {
  /** The validated request (its `model` is the user-facing one; use `model` below). */
  readonly request: ChatRequest;
  /** The provider-side model id. */
  readonly model: string;
  /** The key for this attempt; adapters must never put it in an error, log or result. */
  readonly apiKey: string | undefined;
  /** Aborts this attempt (caller's signal, `stream.abort()`, or an early `break`); absent when nothing can. */
  readonly signal?: AbortSignal;
}

/** A tool call as an adapter reports it; core parses the arguments and fills in missing ids. */
export interface ProviderToolCall {
  readonly id?: string;
  readonly name: string;
  readonly argumentsText: string;
  readonly providerMetadata?: ProviderMetadata;
}

/**
 * Rate-limit state, or a function computing it from the response headers. The function form
 * defers header parsing until someone reads `meta.rateLimit`: it runs on every call otherwise.
 */
export type RateLimitSource = RateLimitInfo | (() => RateLimitInfo | undefined);

/** The provider-neutral result of one non-streaming call, before core finalises it. */
export interface ProviderResult {
  readonly id?: string;
  readonly model?: string;
  readonly text: string;
  readonly reasoning?: string;
  readonly refusal?: string;
  readonly toolCalls: readonly ProviderToolCall[];
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string;
  readonly usage: Usage;
  readonly raw: unknown;
  readonly requestId?: string;
  readonly rateLimit?: RateLimitSource;
  readonly warnings?: readonly Warning[];
  /** Message-level opaque data (thinking signatures) for `response.message`. */
  readonly providerMetadata?: ProviderMetadata;
  /**
   * `performance.now()` when the response's headers arrived, where the SDK lets the adapter see
   * that moment before the body is read (the Stainless SDKs' `asResponse()`).
   */
  readonly headersAt?: number;
}

/** What an adapter's stream yields; core turns these into public `StreamEvent`s. */
export type ProviderStreamPart =
  | {
      readonly type: "response-metadata";
      readonly id?: string;
      readonly model?: string;
      readonly requestId?: string;
      readonly rateLimit?: RateLimitSource;
      readonly warnings?: readonly Warning[];
    }
  | { readonly type: "text-delta"; readonly text: string }
  | { readonly type: "reasoning-delta"; readonly text: string }
  | { readonly type: "refusal-delta"; readonly text: string }
  | {
      readonly type: "tool-call-delta";
      /** Position of the call among this response's tool calls, from 0. */
      readonly index: number;
      readonly id?: string;
      readonly name?: string;
      readonly argumentsDelta: string;
    }
  | {
      /** The call at `index` is complete. Calls never ended are completed at `finish`. */
      readonly type: "tool-call-end";
      readonly index: number;
      readonly providerMetadata?: ProviderMetadata;
    }
  | {
      readonly type: "finish";
      readonly finishReason: FinishReason;
      readonly rawFinishReason: string;
      readonly usage: Usage;
      readonly raw: unknown;
      readonly id?: string;
      readonly model?: string;
      readonly providerMetadata?: ProviderMetadata;
    };

/** Provider settings as they reach a factory: config merged with environment defaults. */
export interface ProviderSettings {
  /** Configured provider name. */
  readonly name: string;
  readonly type: string;
  readonly baseURL?: string;
  /** Extra HTTP headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Passed verbatim to the SDK client constructor (after proxyless's own options). */
  readonly clientOptions?: Readonly<Record<string, unknown>>;
  /** The SDK module to use instead of importing the package by name. */
  readonly sdk?: object;
  /** The user's own `fetch`, to hand the SDK unchanged. */
  readonly fetch?: FetchFunction;
  /** proxyless's transport, when the SDK is to use it (no `fetch` of the user's). */
  readonly transport?: HttpTransport;
}

/** Builds adapters of one provider type. Registered with core by `src/index.ts`. */
export interface ProviderFactory {
  readonly type: string;
  /** When set, the provider exists under this name without any configuration (`openai`). */
  readonly defaultName?: string;
  /** Environment variables read for the API key when the config gives none, first set wins. */
  readonly envKeys: readonly string[];
  /** Whether a call without any key must fail before sending (`false` for local endpoints). */
  readonly requiresApiKey: boolean;
  /**
   * The provider's id in the price data (`@pydantic/genai-prices`): `openai`, `anthropic`, `google`.
   * Absent for endpoints whose prices are found by their base URL (OpenAI-compatible servers).
   */
  readonly priceProvider?: string;
  create(settings: ProviderSettings): ProviderAdapter;
}
