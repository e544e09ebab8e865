/**
 * SDK clients by API key, each created once, on first use. A creation that fails (the SDK is not
 * installed, its constructor throws) is forgotten, so that the next call tries again.
 */
export class SdkClientCache<Client> {
  readonly #pending = new Map<string | undefined, Promise<Client>>();
  readonly #ready = new Map<string | undefined, Client>();

  get(apiKey: string | undefined, create: () => Promise<Client>): Promise<Client> {
    let client = this.#pending.get(apiKey);
    if (!client) {
      client = create();
      client.then(
        (created) => this.#ready.set(apiKey, created),
        () => this.#pending.delete(apiKey),
      );
      this.#pending.set(apiKey, client);
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
