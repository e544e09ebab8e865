/** Clients kept per adapter: a pool's keys, and the last few a key function gave as it rotated. */
const MAX_CLIENTS = 32;

/**
 * SDK clients by API key, each created once, on first use. A creation that fails (the SDK is not
 * installed, its constructor throws) is forgotten, so that the next call tries again. At most
 * {@link MAX_CLIENTS} are kept, the least recently created going first: a key function that hands
 * out short-lived tokens must not grow this (and the keys it holds) without bound.
 */
export class SdkClientCache<Client> {
  readonly #pending = new Map<string | undefined, Promise<Client>>();
  readonly #ready = new Map<string | undefined, Client>();

  get(apiKey: string | undefined, create: () => Promise<Client>): Promise<Client> {
    let client = this.#pending.get(apiKey);
    if (!client) {
      client = create();
      client.then(
        (created) => {
          if (this.#pending.get(apiKey) === client) this.#ready.set(apiKey, created);
        },
        () => this.#pending.delete(apiKey),
      );
      this.#pending.set(apiKey, client);
      if (this.#pending.size > MAX_CLIENTS) {
        const oldest = this.#pending.keys().next().value;
        this.#pending.delete(oldest);
        this.#ready.delete(oldest);
      }
    }
    return client;
  }

  /**
   * The client for a key if it is already created. Adapters try this first: awaiting even a
   * settled promise costs an extra turn of the event loop's microtask queue on every call.
   */
  ready(apiKey: string | undefined): Client | undefined {
    return this.#ready.get(apiKey);
  }
}
