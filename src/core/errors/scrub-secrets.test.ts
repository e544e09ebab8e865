import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { redactSecrets, scrubSecrets } from "./scrub-secrets.js";

const KEY = "sk-scrub-test-0123456789";

function shows(value: unknown, secret = KEY): boolean {
  return inspect(value, { depth: Infinity, showHidden: true, getters: true }).includes(secret) || json(value).includes(secret);
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return ""; // a cycle: inspect above still looks everywhere
  }
}

describe("scrubSecrets", () => {
  it("reaches non-enumerable, symbol-keyed and accessor properties, causes, arrays, maps and sets", () => {
    const hidden = Symbol("hidden");
    const error = new Error(`bad ${KEY}`, { cause: new Error("inner", { cause: { body: [`x ${KEY}`] } }) });
    Object.defineProperty(error, "apiMessage", { value: `no ${KEY}`, enumerable: false, writable: true, configurable: true });
    Object.defineProperty(error, "lazy", { get: () => `got ${KEY}`, enumerable: true, configurable: true });
    Object.assign(error, { [hidden]: KEY, map: new Map([["k", KEY]]), set: new Set([KEY]) });
    expect(shows(error)).toBe(true);
    scrubSecrets(error, [KEY]);
    expect(shows(error)).toBe(false);
    expect(error.message).toBe("bad [redacted]");
  });

  it("replaces immutable Headers and frozen objects by clean copies", async () => {
    const error = Object.assign(new Error("x"), { headers: (await echoingFetch()).headers, frozen: Object.freeze({ text: KEY }) });
    scrubSecrets(error, [KEY]);
    expect(shows(error)).toBe(false);
    expect(error.headers.get("x-echo")).toBe("[redacted]");
  });

  it("handles cycles, and what is too deep to walk is left out, never left in", () => {
    const a: Record<string, unknown> = { text: KEY };
    a.self = a;
    let deep: Record<string, unknown> = { text: KEY };
    for (let i = 0; i < 100; i++) deep = { next: deep };
    const error = Object.assign(new Error("x"), { a, deep });
    scrubSecrets(error, [KEY]);
    expect(shows(error)).toBe(false);
  });

  it("removes the longer of two keys that begin alike whole", () => {
    expect(redactSecrets("a sk-abcd-long-key b sk-abcd", ["sk-abcd", "sk-abcd-long-key"])).toBe("a [redacted] b [redacted]");
  });

  it("turns a URL holding a key into its clean text", () => {
    const error = Object.assign(new Error("x"), { url: new URL(`https://example.test/v1?key=${KEY}`) });
    scrubSecrets(error, [KEY]);
    expect(shows(error)).toBe(false);
    expect(error.url).toBe("https://example.test/v1?key=[redacted]");
  });

  it("leaves an error without a key untouched, and ignores strings too short to be keys", () => {
    const error = new Error("fine");
    expect(scrubSecrets(error, ["abc", undefined])).toBe(error);
    expect(error.message).toBe("fine");
  });
});

/** A real fetch response: its headers are immutable, like the ones the SDKs keep on their errors. */
async function echoingFetch(): Promise<Response> {
  const { createServer } = await import("node:http");
  const server = createServer((_req, res) => res.writeHead(200, { "x-echo": KEY }).end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(() => response.headers.set("x", "y")).toThrow();
    return response;
  } finally {
    server.close();
  }
}
