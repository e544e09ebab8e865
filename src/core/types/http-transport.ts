/** The `fetch` the SDKs call: the standard signature. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * How proxyless's own HTTP transport is set up (Node only; on Bun and Deno, and with
 * `transport: false`, each SDK uses its runtime's `fetch`).
 *
 * @example
 * ```ts
 * createClient({ transport: { keepAliveMs: 120_000, allowH2: true } });
 * ```
 */
export interface TransportOptions {
  /**
   * How long an idle connection is kept open when the server does not say (a `Keep-Alive:
   * timeout=` header, which is always honoured, less a second). Node's default is 4 s, so a call
   * after a pause pays a new TCP and TLS handshake.
   * @default 30000
   */
  readonly keepAliveMs?: number;
  /**
   * At most this many connections per origin; calls beyond wait for one to be free.
   * @default 256
   */
  readonly connections?: number;
  /**
   * Offer HTTP/2 in the TLS handshake (ALPN), so that parallel calls to one origin share one
   * connection. HTTPS only; a server that does not take it gets HTTP/1.1.
   * @default false
   */
  readonly allowH2?: boolean;
  /**
   * Certificates to trust besides the runtime's own: a corporate proxy's CA, or the test
   * emulator's self-signed certificate (`emulator.certificate`). PEM.
   * @default the runtime's trusted certificates only
   */
  readonly ca?: string | readonly string[];
}

/** What one `warmup()` did for one provider. */
export interface WarmupReport {
  readonly provider: string;
  /** The origin warmed (`https://api.openai.com`), when the provider has one. */
  readonly origin?: string;
  /** Whether every connection asked for got an answer. */
  readonly ok: boolean;
  /** How long it took, in milliseconds. */
  readonly ms: number;
  /** Why it failed, when it did: a connection error's message (it never holds a key). */
  readonly error?: string;
}

/** The transport a client hands the SDKs: made by the entry point, so core stays runtime-neutral. */
export interface HttpTransport {
  /** The `fetch` to give an SDK, made on first use; `undefined` where it cannot run (the SDK then uses its own). */
  fetch(): Promise<FetchFunction | undefined>;
  /** Closes every connection it holds; calls made later open new ones. */
  close(): Promise<void>;
}
