import { STATUS_CODES, type IncomingHttpHeaders } from "node:http";
import { constants, createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { pipeline } from "node:stream";
import type { Readable, Transform } from "node:stream";
import type { FetchFunction } from "../core/types/http-transport.js";

import type { Dispatcher } from "undici";
import type * as UndiciModule from "undici";

type Undici = typeof UndiciModule;

/** Statuses whose response has no body, whatever the server sends (the Fetch standard's null body statuses). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** As undici's fetch decodes: a body whose trailer is missing still gives what it holds. */
const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: () => createGunzip(lenient),
  "x-gzip": () => createGunzip(lenient),
  deflate: () => createInflate(lenient),
  br: () => createBrotliDecompress({ flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

/**
 * A `fetch` over `undici.request` on one dispatcher: the same `Response` a standard `fetch` gives,
 * without its per-call cost (about 0.2 ms on loopback, most of an SDK's own overhead). Requests it
 * does not take the short way (a `Request` object, a stream, form or blob body, a string body
 * without a content type, `redirect` other than `follow`) go to undici's own `fetch` on the same
 * dispatcher, so every input a standard `fetch` takes is still served.
 *
 * It keeps what callers observe: a failed connection rejects with `TypeError("fetch failed")` and
 * the cause, an abort with the signal's reason, a body cut short errors with
 * `TypeError("terminated")`; a compressed body is decoded. A JSON body that came whole with its
 * headers is read before the `Response` is made, which saves a stream per call.
 */
export function dispatcherFetch(undici: Undici, dispatcher: Dispatcher | (() => Dispatcher)): FetchFunction {
  const current = typeof dispatcher === "function" ? dispatcher : () => dispatcher;
  const fallback = async (input: string | URL | Request, init: RequestInit | undefined): Promise<Response> => {
    if (!(input instanceof Request) && !(init?.body instanceof FormData)) {
      return (await undici.fetch(input, { ...init, dispatcher: current() } as never)) as unknown as Response;
    }
    // undici's own fetch knows only its own Request and FormData classes, not the runtime's: the
    // runtime's Request encodes the body (a form's multipart boundary), and the bytes go on with a
    // length, so that the request is not chunked and a redirect can send it again.
    const request = new Request(input, init);
    const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const options = { method: request.method, headers: request.headers, signal: request.signal, redirect: request.redirect, ...(bytes ? { body: bytes } : {}), dispatcher: current() };
    return (await undici.fetch(request.url, options as never)) as unknown as Response;
  };
  return async function fetch(input, init) {
    const body = init?.body;
    const headers = init?.headers;
    // Header pairs (`[["a", "1"]]`) are what undici.request reads as a flat list: fetch takes them.
    if (!(typeof input === "string" || input instanceof URL) || Array.isArray(headers) || !shortBody(body, headers) || (init?.redirect !== undefined && init.redirect !== "follow")) {
      return fallback(input, init);
    }
    const url = typeof input === "string" ? input : input.href;
    const method = init?.method ?? "GET";
    const signal = init?.signal ?? undefined;
    let res: Dispatcher.ResponseData;
    try {
      res = await undici.request(url, {
        method,
        headers: headers as Dispatcher.RequestOptions["headers"],
        body: body instanceof ArrayBuffer ? new Uint8Array(body) : (body as string | Uint8Array | null | undefined),
        ...(signal ? { signal } : {}),
        dispatcher: current(),
      });
    } catch (error) {
      throw signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error });
    }
    try {
      return await answer(res, method, url, signal);
    } catch (error) {
      // A status or header no Response takes: the connection must not stay held by a body nobody reads.
      res.body.destroy();
      throw error;
    }
  };
}

async function answer(res: Dispatcher.ResponseData, method: string, url: string, signal: AbortSignal | undefined): Promise<Response> {
  const status = res.statusCode;
  const responseInit: ResponseInit = { status, statusText: STATUS_CODES[status] ?? "", headers: headersInit(res.headers) };
  if (method === "HEAD" || NULL_BODY_STATUS.has(status)) {
    res.body.dump().catch(() => undefined);
    return withUrl(new Response(null, responseInit), url);
  }
  const encoding = res.headers["content-encoding"];
  if (encoding === undefined && isJson(res.headers["content-type"]) && arrivedWhole(res.body)) {
    let text: string;
    try {
      text = await res.body.text();
    } catch (error) {
      // As a standard fetch: the response is there, reading its body fails.
      return withUrl(new Response(failing(bodyError(error, signal)), responseInit), url);
    }
    return withUrl(new Response(text, responseInit), url);
  }
  return withUrl(new Response(relay(decoded(res.body, encoding), signal), responseInit), url);
}

/**
 * Whether the whole body came with the headers (a chat answer on a fast link usually does): it is
 * then read at once, at no cost in time, and the caller's `response.json()` skips a stream. A body
 * still coming is streamed as fetch streams it, so the moment the headers came stays the moment
 * `fetch` resolves.
 */
function arrivedWhole(body: Readable): boolean {
  return (body as { _readableState?: { ended?: boolean } })._readableState?.ended === true;
}

/** Whether a body can go to `undici.request` as it is, with the same headers `fetch` would send. */
function shortBody(body: RequestInit["body"] | undefined, headers: RequestInit["headers"] | undefined): boolean {
  if (body === undefined || body === null || body instanceof Uint8Array || body instanceof ArrayBuffer) return true;
  // fetch adds `text/plain;charset=UTF-8` to a string body without a type; the SDKs always send one.
  return typeof body === "string" && hasContentType(headers);
}

function hasContentType(headers: RequestInit["headers"] | undefined): boolean {
  if (headers === undefined) return false;
  if (headers instanceof Headers) return headers.has("content-type");
  if (Array.isArray(headers)) return headers.some(([name]) => name?.toLowerCase() === "content-type");
  for (const name in headers) if (name.toLowerCase() === "content-type") return true;
  return false;
}

function isJson(contentType: string | string[] | undefined): boolean {
  return typeof contentType === "string" && contentType.startsWith("application/json");
}

/** A plain record where every header came once (the usual case, and the cheapest `Headers` to build from). */
function headersInit(raw: IncomingHttpHeaders): HeadersInit {
  const flat: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (typeof value === "string") flat[name] = value;
    else if (Array.isArray(value)) return repeatedHeaders(raw);
  }
  return flat;
}

function repeatedHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url });
  return response;
}

function decoded(body: Readable, encoding: string | string[] | undefined): AsyncIterable<Uint8Array> & { destroy(error?: Error): void } {
  if (encoding === undefined) return body;
  const codings = (Array.isArray(encoding) ? encoding.join(",") : encoding).split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity").reverse();
  const decoders = codings.map((c) => DECODERS[c]?.());
  // An encoding fetch does not decode either (zstd on older runtimes): the body as sent.
  if (decoders.length === 0 || decoders.some((d) => d === undefined)) return body;
  const chain = decoders as Transform[];
  const last = chain[chain.length - 1] as Transform;
  pipeline([body, ...chain], () => undefined);
  return last;
}

/** The body as a web stream read on demand, its transport errors worded as a standard fetch words them. */
function relay(body: AsyncIterable<Uint8Array> & { destroy(error?: Error): void }, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(bodyError(error, signal));
        }
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

function failing(error: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.error(error) });
}

function bodyError(error: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted ? signal.reason : new TypeError("terminated", { cause: error });
}
