import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import * as undici from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatcherFetch } from "./dispatcher-fetch.js";

let server: Server;
let base: string;
const agent = new undici.Agent({ keepAliveTimeout: 10_000 });
const fetch = dispatcherFetch(undici, agent);

/** One route per behaviour; each answers as a provider (or a broken proxy) would. */
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/json": (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString())).on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" });
      res.end(JSON.stringify({ method: req.method, body, contentType: req.headers["content-type"] ?? null, acceptEncoding: req.headers["accept-encoding"] ?? null, contentLength: req.headers["content-length"] ?? null, custom: req.headers["x-custom"] ?? null }));
    });
  },
  "/slow-json": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"part":');
    setTimeout(() => res.end('"rest"}'), 80);
  },
  "/sse": (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("data: 1\n\n");
    setTimeout(() => res.end("data: 2\n\n"), 20);
  },
  "/cut": (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write("data: 1\n\n", () => setTimeout(() => res.socket?.destroy(), 20));
  },
  "/gzip": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.end(gzipSync(JSON.stringify({ zipped: true })));
  },
  "/no-content": (_req, res) => {
    res.writeHead(204);
    res.end();
  },
  "/cookies": (_req, res) => {
    res.setHeader("set-cookie", ["a=1", "b=2"]);
    res.setHeader("content-type", "text/plain");
    res.end("ok");
  },
  "/hang": () => undefined,
  "/error": (_req, res) => {
    res.writeHead(429, { "content-type": "application/json", "retry-after": "2" });
    res.end('{"error":{"message":"slow down"}}');
  },
};

beforeAll(async () => {
  server = createServer((req, res) => (routes[new URL(req.url ?? "/", "http://x").pathname] ?? ((_q, r: ServerResponse) => r.writeHead(404).end()))(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("dispatcherFetch", () => {
  it("sends the method, headers and body as given, and answers as fetch does (status, statusText, headers, url, json)", async () => {
    const res = await fetch(`${base}/json`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.statusText).toBe("OK");
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${base}/json`);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    // No accept-encoding: providers then send the body as it is, which costs no decompression.
    expect(await res.json()).toEqual({ method: "POST", body: '{"a":1}', contentType: "application/json", acceptEncoding: null, contentLength: "7", custom: null });
  });

  it("takes a URL object and a Headers object, and a Uint8Array body", async () => {
    const res = await fetch(new URL(`${base}/json`), { method: "POST", headers: new Headers({ "content-type": "application/json" }), body: new TextEncoder().encode("bytes") });
    expect(await res.json()).toMatchObject({ body: "bytes" });
  });

  it("a string body without a content type goes the standard way, which adds text/plain", async () => {
    const res = await fetch(`${base}/json`, { method: "POST", body: "plain" });
    expect(await res.json()).toMatchObject({ body: "plain", contentType: "text/plain;charset=UTF-8" });
  });

  it("a Request object, and a FormData body, are served by undici's fetch on the same dispatcher", async () => {
    const fromRequest = await fetch(new Request(`${base}/json`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(await fromRequest.json()).toMatchObject({ method: "POST", body: "{}" });
    const form = new FormData();
    form.set("field", "value");
    const fromForm = (await (await fetch(`${base}/json`, { method: "POST", body: form })).json()) as { contentType: string; contentLength: string | null };
    expect(fromForm.contentType).toMatch(/^multipart\/form-data; boundary=/);
    // Sent with its length, not chunked: some gateways refuse a chunked upload.
    expect(Number(fromForm.contentLength)).toBeGreaterThan(0);
  });

  it("takes headers as a list of pairs, as fetch does", async () => {
    const res = await fetch(`${base}/json`, { method: "POST", headers: [["content-type", "application/json"], ["x-custom", "yes"]], body: "{}" });
    expect(await res.json()).toMatchObject({ contentType: "application/json", custom: "yes" });
  });

  it("a JSON body still coming when the headers came is streamed, not awaited before fetch resolves", async () => {
    const started = performance.now();
    const res = await fetch(`${base}/slow-json`);
    const headersAfter = performance.now() - started;
    expect(headersAfter).toBeLessThan(60);
    expect(await res.json()).toEqual({ part: "rest" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("streams a body chunk by chunk", async () => {
    const res = await fetch(`${base}/sse`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: 1\n\n");
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: 2\n\n");
  });

  it("decodes a gzip body, as fetch does", async () => {
    expect(await (await fetch(`${base}/gzip`)).json()).toEqual({ zipped: true });
  });

  it("a 204 and a HEAD have a null body; repeated headers stay repeated; an error status is a response", async () => {
    expect((await fetch(`${base}/no-content`)).body).toBeNull();
    expect((await fetch(`${base}/json`, { method: "HEAD" })).body).toBeNull();
    expect((await fetch(`${base}/cookies`)).headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const limited = await fetch(`${base}/error`);
    expect([limited.status, limited.statusText, limited.headers.get("retry-after")]).toEqual([429, "Too Many Requests", "2"]);
  });

  it("a refused connection rejects with TypeError('fetch failed') and the cause's code, as fetch does", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = (await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)) as TypeError & { cause?: { code?: string } };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("fetch failed");
    expect(error.cause?.code).toBe("ECONNREFUSED");
  });

  it("a body cut short errors the stream with TypeError('terminated')", async () => {
    const res = await fetch(`${base}/cut`);
    const error = await res.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("terminated");
  });

  it("an abort rejects with the signal's reason, before the headers and while the body is read", async () => {
    const before = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: before.signal });
    const reason = new Error("stop");
    before.abort(reason);
    await expect(pending).rejects.toBe(reason);
    const during = new AbortController();
    const res = await fetch(`${base}/slow-json`, { signal: during.signal });
    during.abort();
    await expect(res.text()).rejects.toMatchObject({ name: "AbortError" });
  });
});
