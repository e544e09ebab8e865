import { ConnectionError } from "../../core/errors/connection-error.js";
import { MalformedResponseError } from "../../core/errors/malformed-response-error.js";
import type { ProxylessError, ProxylessErrorOptions } from "../../core/errors/proxyless-error.js";
import { StreamInterruptedError } from "../../core/errors/stream-interrupted-error.js";

/** A failure of the transport under an SDK, described for a reader: where, when, why. */
export interface TransportFailure {
  readonly kind: "connection" | "malformed";
  /** "connection to 127.0.0.1:4010 failed (ECONNREFUSED)" */
  readonly description: string;
  /** The transport's own code (`ECONNREFUSED`, `UND_ERR_SOCKET`), when it gave one. */
  readonly code?: string;
}

interface CodedError {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly socket?: { readonly remoteAddress?: unknown; readonly remotePort?: unknown };
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/** The errors of a cause chain, outermost first (an `AggregateError` of connection attempts: its first). */
function chain(error: unknown): CodedError[] {
  const out: CodedError[] = [];
  for (let e: unknown = error; typeof e === "object" && e !== null && out.length < 8; ) {
    const coded = e as CodedError;
    out.push(coded);
    e = coded.cause ?? (Array.isArray(coded.errors) ? (coded.errors as unknown[])[0] : undefined);
  }
  return out;
}

const TRANSPORT_MESSAGE = /^(fetch failed|terminated|other side closed|socket hang up|network ?error)/i;
const TRANSPORT_CODE = /^(E[A-Z]{2,}|UND_ERR_[A-Z_]+|ERR_SSL_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_[A-Z_]+|HOSTNAME_MISMATCH)$/;

/**
 * What undici's `fetch` (which all three SDKs use) throws when the transport fails, described:
 * a connection refused, reset or dropped before or while the body was read (`fetch failed`,
 * `terminated`, `ECONNRESET`, `UND_ERR_SOCKET`) is `connection`; a body that is not JSON
 * (`SyntaxError` from parsing it) is `malformed`. `undefined` for anything else.
 *
 * @param fallbackHost where the request went, when the error does not say (the configured base URL).
 */
export function describeTransportFailure(error: unknown, fallbackHost?: string): TransportFailure | undefined {
  if (error instanceof SyntaxError) {
    return { kind: "malformed", description: `the response body is not valid JSON (${error.message})` };
  }
  const errors = chain(error);
  const coded = errors.find((e) => typeof e.code === "string" && TRANSPORT_CODE.test(e.code));
  const outer = errors[0];
  if (!coded && !errors.some((e) => typeof e.message === "string" && TRANSPORT_MESSAGE.test(e.message))) return undefined;
  const code = typeof coded?.code === "string" ? coded.code : undefined;
  const host = hostOf(errors) ?? fallbackHost;
  const where = host ? `connection to ${host}` : "connection";
  const reading = errors.some((e) => e.message === "terminated");
  const detail = coded && typeof coded.message === "string" && !coded.message.includes(String(code)) ? `${code}: ${coded.message}` : code;
  const lastWords = detail ?? (typeof outer?.message === "string" ? outer.message : "unknown reason");
  const when = reading ? "closed while the response was read" : code && /^E(CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)$/.test(code) ? "failed" : "failed before the response";
  return { kind: "connection", description: `${where} ${when} (${lastWords})`, ...(code ? { code } : {}) };
}

function hostOf(errors: readonly CodedError[]): string | undefined {
  for (const e of errors) {
    if (typeof e.address === "string") return typeof e.port === "number" ? `${e.address}:${e.port}` : e.address;
    if (typeof e.hostname === "string") return e.hostname;
    const socket = e.socket;
    if (socket && typeof socket.remoteAddress === "string") {
      return typeof socket.remotePort === "number" ? `${socket.remoteAddress}:${socket.remotePort}` : socket.remoteAddress;
    }
  }
  return undefined;
}

/**
 * The typed error of a transport failure: once a stream's body has started it interrupts the
 * stream; before that (and for a chat) a `ConnectionError` or a `MalformedResponseError`. All are
 * retryable: the same request usually goes through on another try.
 */
export function transportError(failure: TransportFailure, provider: string, streaming: boolean, base: ProxylessErrorOptions): ProxylessError {
  if (streaming) return new StreamInterruptedError(`${provider}: the stream broke: ${failure.description}`, base);
  const options = failure.code ? { ...base, code: failure.code } : base;
  const message = `${provider}: ${failure.description}`;
  return failure.kind === "connection" ? new ConnectionError(message, options) : new MalformedResponseError(message, options);
}

/** The host of a base URL, for errors that do not name one. */
export function hostOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
