import type { Middleware } from "../types/middleware.js";
import type { ProviderAdapter } from "../types/provider-adapter.js";

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
   * One key, or several (used in turn). When absent, the type's environment variable is read:
   * `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GOOGLE_API_KEY` / `GEMINI_API_KEY`. An
   * `openai-compatible` provider never reads `OPENAI_API_KEY`: that key must not leak to a third party.
   */
  readonly apiKey?: string | readonly string[];
  /** OpenAI: up to `/v1`; Anthropic and Google: the host root. @default the provider's public API */
  readonly baseURL?: string;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Passed verbatim to the official SDK's client constructor, last. */
  readonly clientOptions?: Readonly<Record<string, unknown>>;
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
  /** Aliases: `{ fast: "openai/gpt-4o-mini" }`; an alias may name another alias. */
  readonly models?: Readonly<Record<string, string>>;
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
