import type { RecordedRequest } from "./record-request.js";
import type { EmulatedProvider, ScriptRule } from "./scenario.js";

/** Per-minute limits for one provider; each one set is enforced with a 429. */
export interface EmulatedRateLimit {
  readonly requestsPerMinute?: number;
  /** Counted per request as estimated input tokens plus the expected output (max tokens, at most `replyWords`). */
  readonly tokensPerMinute?: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; `0` picks a free one (always use that in tests). @default 0 */
  readonly port?: number;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** When set for a provider, only these keys pass its auth check; otherwise any non-empty key does. */
  readonly apiKeys?: Partial<Record<EmulatedProvider, readonly string[]>>;
  /** Delay before every response. @default 0 */
  readonly latencyMs?: number;
  /** Delay between SSE events. @default 0 */
  readonly chunkDelayMs?: number;
  /** Length in words (≈ tokens) of generated text replies. @default 24 */
  readonly replyWords?: number;
  /**
   * Limits enforced per provider in a sliding 60 s window. Rate-limit headers are sent either way,
   * with high limits where none is set.
   */
  readonly rateLimits?: Partial<Record<EmulatedProvider, EmulatedRateLimit>>;
  /** Clock for rate-limit windows, `receivedAt` and `created`, so tests can use fake time. @default Date.now */
  readonly now?: () => number;
  /**
   * Serve HTTPS: `true` with a self-signed certificate for `localhost`, `127.0.0.1` and `::1` made at
   * start (hand `emulator.certificate` to the client as its `ca`), or your own certificate and key
   * (PEM). HTTP/1.1, like the providers' HTTP/1.1 endpoints.
   * @default false (plain HTTP)
   */
  readonly https?: boolean | { readonly cert: string; readonly key: string };
}

/** What the emulator's connections have been, since start or the last `reset()`. */
export interface ConnectionCounts {
  /** TCP connections accepted. */
  readonly opened: number;
  /** TLS handshakes completed (HTTPS only; a resumed session counts too). */
  readonly tlsHandshakes: number;
  /** Of those, handshakes that resumed a session instead of a full one. */
  readonly tlsResumed: number;
  /** Connections open now. */
  readonly open: number;
}

/**
 * The `providers` block of proxyless's `createClient` config, all pointing at one emulator.
 * A type alias rather than an interface so it fits `Record<string, ProviderConfig>`.
 */
export type EmulatorProvidersConfig = {
  readonly [P in EmulatedProvider]: { readonly apiKey: string; readonly baseURL: string };
};

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:PORT` (`https://` when serving HTTPS) */
  readonly url: string;
  /** The certificate served, PEM, when serving HTTPS: trust it with `transport: { ca }` or `NODE_EXTRA_CA_CERTS`. */
  readonly certificate?: string;
  /**
   * Connections accepted and TLS handshakes completed, so that keep-alive and warmup are
   * measurable (also at `GET /__emulator/connections`).
   */
  readonly connections: ConnectionCounts;
  /** What each official SDK wants as `baseURL`: OpenAI `url + "/v1"`, Anthropic and Gemini the host root. */
  readonly baseURLs: { readonly openai: string; readonly anthropic: string; readonly google: string };
  /**
   * A `providers` config for proxyless's `createClient` pointing all three providers here.
   *
   * @param apiKey the key for all three. @default the first key in `apiKeys` for that provider, else `"emulator-key"`
   * @example
   * ```ts
   * const llm = createClient({ providers: emulator.providers() });
   * ```
   */
  providers(apiKey?: string): EmulatorProvidersConfig;
  /** Every provider request received (rejected ones too), oldest first; cleared by {@link Emulator.reset}. */
  readonly requests: readonly RecordedRequest[];
  /** Adds a scripted answer; see {@link ScriptRule}. */
  script(rule: ScriptRule): void;
  /** Forgets all scripts, recorded requests, rate-limit windows and connection counts (not the open connections): a fresh emulator for the next test. */
  reset(): void;
  /** Stops listening and destroys every open socket, hanging responses included. */
  close(): Promise<void>;
}
