import type { PriceOverride } from "../cost/price-overrides.js";
import type { RouteSpec } from "../routing/route-spec.js";
import type { FetchFunction, TransportOptions } from "../types/http-transport.js";
import type { Middleware } from "../types/middleware.js";
import type { ProviderAdapter } from "../types/provider-adapter.js";

/** A function that gives a provider's key or keys when asked. */
export type KeySource = () => string | readonly string[] | Promise<string | readonly string[]>;

/**
 * One provider entry of the client configuration.
 *
 * @example
 * ```ts
 * { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", apiKey: process.env.GROQ_API_KEY }
 * ```
 */
export interface ProviderConfig {
  /**
   * `openai`, `anthropic`, `google` or `openai-compatible`.
   * @default the provider's name, when it is one of the built-in types
   */
  readonly type?: string;
  /**
   * One key; several (a key pool: each attempt takes one, as `keyRotation` says; a key rejected
   * with 401/403 is not used again, one answered with a 429 rests until its retry-after); or a
   * function that gives one or several (a secrets manager, a rotating token), called when an
   * attempt needs a key and again `keyTtlMs` later, or at once after a 401/403. When absent, the
   * type's environment variable is read: `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GOOGLE_API_KEY` /
   * `GEMINI_API_KEY`. An `openai-compatible` provider never reads `OPENAI_API_KEY`: that key must
   * not leak to a third party.
   */
  readonly apiKey?: string | readonly string[] | KeySource;
  /**
   * How a pool's keys take turns: `round-robin`, or `least-used` (the key with the fewest
   * attempts in flight, then the fewest so far).
   * @default "round-robin"
   */
  readonly keyRotation?: "round-robin" | "least-used";
  /**
   * How long the keys a key function gave are used before it is called again.
   * @default 300000 (five minutes)
   */
  readonly keyTtlMs?: number;
  /**
   * Which provider's prices apply, as the price data (`@pydantic/genai-prices`) names it
   * (`openai`, `groq`, `azure`, ...): for an OpenAI-compatible endpoint or a custom adapter the
   * data cannot find by its base URL.
   * @default the type's own (`openai`, `anthropic`, `google`), else found by `baseURL`
   */
  readonly priceProvider?: string;
  /** OpenAI: up to `/v1`; Anthropic and Google: the host root. @default the provider's public API */
  readonly baseURL?: string;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Passed verbatim to the official SDK's client constructor, last. */
  readonly clientOptions?: Readonly<Record<string, unknown>>;
  /**
   * The official SDK's module, for an app bundled with its dependencies inside (no `node_modules`
   * at run time). Without it, the SDK is imported by name on the first call, which a bundler leaves
   * alone: an app that uses only OpenAI bundles with only `openai` installed.
   * @default imported by name on first use
   * @example
   * ```ts
   * import * as openai from "openai";
   * createClient({ providers: { openai: { sdk: openai } } });
   * ```
   */
  readonly sdk?: object;
  /**
   * This provider's own `fetch`, handed to its SDK unchanged (it wins over `transport`). A `fetch`
   * (or `fetchOptions.dispatcher`; for Google `httpOptions.fetch`) in `clientOptions` wins too.
   * @default the client's `fetch`, else proxyless's transport
   */
  readonly fetch?: FetchFunction;
  /**
   * This provider's transport settings, over the client's `transport`; `false`: its SDK's own
   * `fetch` with its defaults.
   * @default the client's `transport`
   */
  readonly transport?: false | TransportOptions;
  /** A custom adapter (any other provider); `type`, `baseURL` and the rest are then ignored. */
  readonly adapter?: ProviderAdapter;
}

/**
 * Everything `createClient` accepts.
 *
 * @example
 * ```ts
 * createClient({
 *   providers: { openai: {}, groq: { type: "openai-compatible", baseURL: "https://…/openai/v1", apiKey } },
 *   models: { fast: "groq/llama-3.1-8b-instant" },
 *   middleware: [logUsage],
 * });
 * ```
 */
export interface ClientConfig {
  /** @default `openai`, `anthropic` and `google`, keyed from the environment */
  readonly providers?: Readonly<Record<string, ProviderConfig>>;
  /**
   * Aliases and routes: `{ fast: "openai/gpt-4o-mini" }`, `{ main: { fallback: ["openai/gpt-4o", "anthropic/claude-sonnet-4-5"] } }`,
   * `{ loadBalance: [...], strategy }`, `{ conditional: [{ when, route }] }`; routes nest, and an
   * alias may name another alias. See the routing docs.
   */
  readonly models?: Readonly<Record<string, RouteSpec>>;
  /**
   * Context windows (input tokens) by `provider/model`, or by a model-id prefix ending in `*`
   * (`"groq/llama-3.1*"`, `"gpt-4o*"`), added to the small built-in table: a route skips a target
   * whose window the prompt is estimated to exceed, and after a context-length error goes only to
   * larger ones.
   */
  readonly contextWindows?: Readonly<Record<string, number>>;
  /**
   * Prices by `provider/model`, a bare model id, or a model-id prefix ending in `*`, in US dollars
   * per million tokens: they win over the bundled `@pydantic/genai-prices` data, and price models
   * it does not know. `false`: no cost is computed (`response.cost` is absent, and a `budget()`
   * cannot price a call).
   * @default the bundled price data alone
   */
  readonly prices?: false | Readonly<Record<string, PriceOverride>>;
  /**
   * The HTTP transport proxyless hands the SDKs on Node: one connection pool per origin, kept
   * open across pauses (`keepAliveMs`), and a leaner `fetch` than the runtime's. `false`: each SDK
   * uses its runtime's `fetch` with its defaults. On Bun and Deno the runtime's `fetch` is used.
   * @default on, with the defaults of each `TransportOptions` field
   */
  readonly transport?: false | TransportOptions;
  /**
   * Your own `fetch` for every provider, handed to the SDKs unchanged (instrumented, proxied, a
   * test double). A provider's own `fetch` wins over it.
   * @default proxyless's transport
   */
  readonly fetch?: FetchFunction;
  /**
   * Open connections to the configured providers as the client is made, in the background, as
   * `llm.warmup()` does; failures are only reported by `warmup()` itself.
   * @default false
   */
  readonly warmup?: boolean;
  /** Run in order: the first sees the request first. */
  readonly middleware?: readonly Middleware[];
  /**
   * A client whose `middleware` has no `retry` retries like the official SDKs do by default (two
   * retries of retryable errors, honouring `retry-after`): `createClient` puts a `retry()` first
   * among the attempt-scope middleware. `false` turns that off: every error reaches the caller at
   * once. To tune retries instead, add your own `retry({ ... })`.
   * @default a default `retry()` when `middleware` has none
   */
  readonly retry?: false;
}
