import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import type { Dispatcher } from "undici";
import type * as UndiciModule from "undici";
import type { FetchFunction, HttpTransport, TransportOptions } from "../core/types/http-transport.js";
import { importByName } from "../core/import-by-name.js";
import { dispatcherFetch } from "./dispatcher-fetch.js";

type Undici = typeof UndiciModule;

/** Idle connections are kept this long unless the server says otherwise. Node's own default is 4 s. */
const DEFAULT_KEEP_ALIVE_MS = 30_000;
/** Connections per origin; calls beyond wait for one to be free. */
const DEFAULT_CONNECTIONS = 256;
/** The longest a body may go without a byte: Node's `fetch` default. */
const BODY_IDLE_MS = 300_000;
/** The longest a server's `Keep-Alive: timeout=` hint is trusted for. */
const MAX_KEEP_ALIVE_MS = 600_000;

/**
 * proxyless's transport on undici: one `Agent` (a pool per origin), its idle connections kept
 * `keepAliveMs` (or as long as the server's `Keep-Alive` hint says, less a second or two), at most
 * `connections` per origin, HTTP/2 offered when `allowH2`, redirects followed as `fetch` follows
 * them. No timeout for the headers of its own: the SDK's `timeout` and proxyless's `timeout()`
 * decide how long a call may wait (a reasoning model may think for minutes before its first byte);
 * a body idle for 5 min is cut, as Node's `fetch` cuts it.
 *
 * Made on first use. Where undici cannot be loaded (a bundle shipped without `node_modules`), or
 * the runtime is not Node, `fetch()` resolves to `undefined` and the SDKs use their own.
 */
export function createUndiciTransport(options: TransportOptions = {}): HttpTransport {
  let loaded: Promise<FetchFunction | undefined> | undefined;
  let agent: Dispatcher | undefined;
  return {
    fetch() {
      loaded ??= isNode()
        ? importByName("undici").then(
            (module) => {
              const undici = module as Undici;
              // The SDKs keep the `fetch` they were given: after close() it opens a new agent.
              return dispatcherFetch(undici, () => (agent ??= createAgent(undici, options)));
            },
            () => undefined,
          )
        : Promise.resolve(undefined);
      return loaded;
    },
    async close() {
      const current = agent;
      agent = undefined;
      await current?.close();
    },
  };
}

function createAgent(undici: Undici, options: TransportOptions): Dispatcher {
  const ca = options.ca === undefined ? undefined : [...trusted(), ...(typeof options.ca === "string" ? [options.ca] : options.ca)];
  const agent = new undici.Agent({
    keepAliveTimeout: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    keepAliveMaxTimeout: Math.max(MAX_KEEP_ALIVE_MS, options.keepAliveMs ?? 0),
    connections: options.connections ?? DEFAULT_CONNECTIONS,
    allowH2: options.allowH2 ?? false,
    // No wait for the headers of its own: the SDK's timeout covers it, and a reasoning model may
    // think for minutes first. A body that stops coming is cut after 5 min, as Node's fetch cuts it.
    headersTimeout: 0,
    bodyTimeout: BODY_IDLE_MS,
    ...(ca ? { connect: { ca } } : {}),
  });
  return agent.compose(undici.interceptors.redirect({ maxRedirections: 20 }));
}

/** The certificates Node trusts by default (NODE_EXTRA_CA_CERTS included where Node can say): `ca` adds to them, not replaces them. */
function trusted(): readonly string[] {
  // Node 22.15+ says; before, the bundled roots and the NODE_EXTRA_CA_CERTS file (read as Node reads it).
  const all = (tls as { getCACertificates?: (which: "default") => string[] }).getCACertificates;
  if (typeof all === "function") return all("default");
  const file = process.env.NODE_EXTRA_CA_CERTS;
  const extra = file ? readExtra(file) : "";
  return extra ? [...tls.rootCertificates, extra] : tls.rootCertificates;
}

function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return versions?.node !== undefined && versions.bun === undefined && versions.deno === undefined;
}

function readExtra(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    // Node itself only warns about a file it cannot read.
    return "";
  }
}
