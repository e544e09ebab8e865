import type { FetchFunction } from "../../core/types/http-transport.js";
import type { ProviderSettings } from "../../core/types/provider-adapter.js";

/**
 * The `fetch` an adapter hands its SDK: the user's own (from config) unchanged, else proxyless's
 * transport's, else `undefined` (the SDK's default). `ownInOptions`: the user set the SDK's own
 * `fetch` (or a dispatcher) in `clientOptions`, which then wins over both.
 */
export function sdkFetch(settings: ProviderSettings, ownInOptions: boolean): Promise<FetchFunction | undefined> {
  if (ownInOptions) return Promise.resolve(undefined);
  if (settings.fetch) return Promise.resolve(settings.fetch);
  return settings.transport ? settings.transport.fetch() : Promise.resolve(undefined);
}

/** The `fetch` the SDK really uses, for a warmup: the one given, else the runtime's. */
export function effectiveFetch(chosen: FetchFunction | undefined, inOptions: unknown): FetchFunction {
  if (chosen) return chosen;
  if (typeof inOptions === "function") return inOptions as FetchFunction;
  return (input, init) => globalThis.fetch(input, init);
}

/** How long a warmup waits for an origin's answer. */
const WARMUP_TIMEOUT_MS = 10_000;

/**
 * Opens `connections` connections to the origin of `baseURL` at once: `GET /` on each, no key
 * sent, the answer (any status, a 404 as a rule) read to its end so that the connection goes back
 * to its pool. Not `HEAD`: some servers (node:http among them) close the connection after one.
 *
 * @returns the origin warmed.
 */
export async function warmOrigin(fetch: FetchFunction, baseURL: string, connections: number, init: RequestInit = {}): Promise<string> {
  const origin = new URL(baseURL).origin;
  // An origin that takes the connection and never answers must not hold warmup() up for ever.
  const signal = AbortSignal.timeout(WARMUP_TIMEOUT_MS);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const response = await fetch(`${origin}/`, { ...init, method: "GET", signal, redirect: "manual" });
      // Cancelling would close the connection: the point is to keep it.
      await response.arrayBuffer();
    }),
  );
  // undici hands a connection back to its pool a moment after the body's end was read: a call made
  // as soon as warmup() resolves must find every connection free.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return origin;
}
