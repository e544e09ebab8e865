/**
 * No API key in any error, looked at the way a logger would (`util.inspect` with every hidden
 * property, `JSON.stringify`, `String`, the stack) through the whole `cause` chain, for every
 * provider and every error path, with the emulator echoing the key in its error message, in a
 * header and in the body.
 */
import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, ProxylessError, type Middleware } from "proxyless";
import type { Scenario } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const KEY = "sk-echo-secret-7f3a9c21e5";
const harness = useEmulator(KEY);
const providers = ["openai", "anthropic", "google"] as const;
const messages = [{ role: "user" as const, content: "Hello" }];

beforeAll(async () => {
  for (const provider of providers) await harness.llm.chat({ model: `${provider}/warm-up`, messages });
});

/** Every view of an error and its causes that a logger might print, that still shows the key. */
function leaks(error: unknown): string[] {
  const views: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 12; e = (e as { cause?: unknown }).cause, depth++) {
    views.push(inspect(e, { depth: Infinity, showHidden: true, getters: true }));
    views.push(safeJson(e));
    if (e instanceof Error) views.push(String(e), e.stack ?? "");
  }
  return views.filter((view) => view.includes(KEY));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

async function failure(run: () => Promise<unknown>): Promise<ProxylessError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ProxylessError.isInstance(error)) throw new Error(`expected a proxyless error, got ${String(error)}`);
  return error;
}

const paths: readonly { name: string; kind: "chat" | "stream"; respond: Scenario; expected: string; extra?: object }[] = [
  { name: "an HTTP error (chat)", kind: "chat", respond: { type: "error", status: 401, echoKey: true }, expected: "AuthenticationError" },
  { name: "an HTTP error (stream)", kind: "stream", respond: { type: "error", status: 400, echoKey: true }, expected: "InvalidRequestError" },
  { name: "an in-stream error", kind: "stream", respond: { type: "stream-error", afterEvents: 2, echoKey: true }, expected: "" },
  { name: "a connection reset (chat)", kind: "chat", respond: { type: "reset" }, expected: "ConnectionError" },
  { name: "a connection reset (stream)", kind: "stream", respond: { type: "reset" }, expected: "ConnectionError" },
  { name: "a body cut short", kind: "chat", respond: { type: "cut", afterEvents: 0 }, expected: "ConnectionError" },
  { name: "a malformed body", kind: "chat", respond: { type: "malformed", afterEvents: 0 }, expected: "MalformedResponseError" },
  { name: "a stream cut", kind: "stream", respond: { type: "cut", afterEvents: 2 }, expected: "StreamInterruptedError" },
  { name: "a timeout", kind: "chat", respond: { type: "hang" }, expected: "TimeoutError", extra: { timeoutMs: 60 } },
];

describe.each(providers)("%s: no key in any error", (provider) => {
  it.each(paths)("$name", async ({ kind, respond, expected, extra }) => {
    harness.emulator.script({ respond });
    const request = { model: `${provider}/m`, messages, ...extra };
    const error = await failure(() => (kind === "chat" ? harness.llm.chat(request) : harness.llm.stream(request).final()));
    if (expected) expect(error.name).toBe(expected);
    expect(error.provider).toBe(provider);
    expect(leaks(error)).toEqual([]);
  });

  it("a connection refused", async () => {
    const closed = createClient({ retry: false, providers: { [provider]: { apiKey: KEY, baseURL: await unusedUrl(provider) } } });
    const error = await failure(() => closed.chat({ model: `${provider}/m`, messages }));
    expect(error).toMatchObject({ name: "ConnectionError", retryable: true });
    expect(leaks(error)).toEqual([]);
  });

  it("the errors of earlier attempts in meta.attempts, and the response itself", async () => {
    const retryOnce: Middleware = {
      name: "retry-once",
      scope: "attempt",
      async wrapChat({ request, next }) {
        try {
          return await next(request);
        } catch {
          return next(request);
        }
      },
    };
    const llm = createClient({ retry: false, providers: harness.emulator.providers(KEY), middleware: [retryOnce] });
    harness.emulator.script({ respond: { type: "error", status: 500, echoKey: true } });
    const res = await llm.chat({ model: `${provider}/m`, messages });
    const earlier = res.meta.attempts[0]?.error;
    expect(earlier?.name).toBe("ServerError");
    expect(leaks(earlier)).toEqual([]);
    expect(inspect(res, { depth: Infinity, showHidden: true })).not.toContain(KEY);
  });
});

/** A base URL where nothing listens: a port just freed. */
async function unusedUrl(provider: (typeof providers)[number]): Promise<string> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return provider === "openai" ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
}
