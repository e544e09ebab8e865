import type { HttpTransport, TransportOptions } from "../types/http-transport.js";

/** Makes a transport; `src/index.ts` hands core undici's, so core stays runtime-neutral. */
export type TransportFactory = (options: TransportOptions) => HttpTransport;

/**
 * The transports of one client: one per distinct set of options, shared by the providers that
 * use it (each transport pools its connections per origin), all closed by `close()`.
 */
export class TransportSet {
  readonly #factory: TransportFactory | undefined;
  readonly #byOptions = new Map<string, HttpTransport>();

  constructor(factory: TransportFactory | undefined) {
    this.#factory = factory;
  }

  /**
   * The transport for a provider: its own settings over the client's, `false` at either level
   * turning it off unless the provider's own settings turn it back on.
   */
  for(client: false | TransportOptions | undefined, provider: false | TransportOptions | undefined): HttpTransport | undefined {
    if (!this.#factory || provider === false || (client === false && provider === undefined)) return undefined;
    const options: TransportOptions = { ...(client || {}), ...provider };
    const key = JSON.stringify(options, Object.keys(options).sort());
    let transport = this.#byOptions.get(key);
    if (!transport) {
      transport = this.#factory(options);
      this.#byOptions.set(key, transport);
    }
    return transport;
  }

  /** Closes every connection of every transport; calls made later open new ones. */
  async close(): Promise<void> {
    await Promise.all([...this.#byOptions.values()].map((t) => t.close()));
  }
}
