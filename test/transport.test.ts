/**
 * proxyless's HTTP transport under the three SDKs: used by default, a user's own `fetch` handed
 * over unchanged, connections kept across pauses and opened ahead by `warmup()`, HTTPS with the
 * emulator's self-signed certificate, and `close()`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, ConfigError, type Client, type FetchFunction } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

const providers = ["openai", "anthropic", "google"] as const;
const models = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-haiku-4-5", google: "google/gemini-2.5-flash" } as const;
const ask = (provider: (typeof providers)[number]) => ({ model: models[provider], messages: [{ role: "user" as const, content: "Hello" }] });

let emulator: Emulator;
const clients: Client[] = [];
/** A client closed after the test, so no test leaves connections behind for the next one's counts. */
const client = (config: Parameters<typeof createClient>[0]): Client => {
  const llm = createClient({ retry: false, ...config });
  clients.push(llm);
  return llm;
};

// A new emulator per test: connections another test's client keeps open must not count here.
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await emulator.close();
});

/** A `fetch` of the user's own: records what it was asked, then asks the runtime's. */
function recordingFetch(): FetchFunction & { urls: string[] } {
  const urls: string[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    urls.push(input instanceof Request ? input.url : String(input));
    return globalThis.fetch(input, init);
  };
  return Object.assign(fetch, { urls });
}

describe("a fetch of the user's own", () => {
  it("given at the top level, every SDK gets it unchanged and every call goes through it", async () => {
    const fetch = recordingFetch();
    const llm = client({ providers: emulator.providers(), fetch });
    for (const provider of providers) expect((await llm.chat(ask(provider))).text.length).toBeGreaterThan(0);
    expect(fetch.urls).toEqual([`${emulator.url}/v1/chat/completions`, `${emulator.url}/v1/messages`, expect.stringContaining(`${emulator.url}/v1beta/models/gemini-2.5-flash:generateContent`)]);
    // The very function, not a wrapper of it.
    expect((await llm.raw<{ fetch: unknown }>("openai")).fetch).toBe(fetch);
    expect((await llm.raw<{ fetch: unknown }>("anthropic")).fetch).toBe(fetch);
    expect((await llm.raw<{ apiClient: { getFetch(): unknown } }>("google")).apiClient.getFetch()).toBe(fetch);
  });

  it("a provider's own wins over the client's, and one in clientOptions wins over both", async () => {
    const shared = recordingFetch();
    const own = recordingFetch();
    const inOptions = recordingFetch();
    const base = emulator.providers();
    const llm = client({
      fetch: shared,
      providers: { openai: { ...base.openai, fetch: own }, anthropic: { ...base.anthropic, clientOptions: { fetch: inOptions } }, google: base.google },
    });
    for (const provider of providers) await llm.chat(ask(provider));
    expect(own.urls).toEqual([`${emulator.url}/v1/chat/completions`]);
    expect(inOptions.urls).toEqual([`${emulator.url}/v1/messages`]);
    expect(shared.urls).toEqual([expect.stringContaining("generateContent")]);
  });

  it("a provider's own transport setting, false included, wins over the client's fetch", async () => {
    const shared = recordingFetch();
    const runtime = vi.spyOn(globalThis, "fetch");
    const base = emulator.providers();
    const llm = client({ fetch: shared, providers: { openai: { ...base.openai, transport: false }, anthropic: { ...base.anthropic, transport: { keepAliveMs: 1000 } }, google: base.google } });
    for (const provider of providers) await llm.chat(ask(provider));
    // OpenAI on the runtime's fetch, Anthropic on proxyless's transport, Gemini on the client's fetch (which calls the runtime's too).
    expect(shared.urls).toEqual([expect.stringContaining("generateContent")]);
    expect(runtime.mock.calls.map((c) => c[0] as string)).toEqual([`${emulator.url}/v1/chat/completions`, expect.stringContaining("generateContent")]);
  });

  it("is checked: anything but a function is a ConfigError naming where", () => {
    expect(() => createClient({ fetch: "fetch" as unknown as FetchFunction })).toThrow(ConfigError);
    expect(() => createClient({ fetch: "fetch" as unknown as FetchFunction })).toThrow(/fetch/);
    expect(() => createClient({ providers: { openai: { fetch: {} as FetchFunction } } })).toThrow(/providers\.openai\.fetch/);
  });
});

describe("proxyless's transport", () => {
  it("is what the SDKs use by default, not the runtime's fetch; transport: false gives them the runtime's", async () => {
    const runtime = vi.spyOn(globalThis, "fetch");
    const ours = client({ providers: emulator.providers() });
    for (const provider of providers) await ours.chat(ask(provider));
    expect(runtime).not.toHaveBeenCalled();
    const theirs = client({ providers: emulator.providers(), transport: false });
    for (const provider of providers) await theirs.chat(ask(provider));
    expect(runtime).toHaveBeenCalledTimes(3);
  });

  it("a provider's transport: false gives that provider alone the runtime's fetch", async () => {
    const runtime = vi.spyOn(globalThis, "fetch");
    const base = emulator.providers();
    const llm = client({ providers: { ...base, anthropic: { ...base.anthropic, transport: false } } });
    for (const provider of providers) await llm.chat(ask(provider));
    expect(runtime).toHaveBeenCalledTimes(1);
    expect(runtime.mock.calls[0]?.[0]).toBe(`${emulator.url}/v1/messages`);
  });

  it("streams, and keeps its connections for calls one after another, on all three providers", async () => {
    const llm = client({ providers: emulator.providers() });
    for (const provider of providers) {
      for (let i = 0; i < 3; i++) {
        await llm.chat(ask(provider));
        const streamed = await llm.stream(ask(provider)).final();
        expect(streamed.text.length).toBeGreaterThan(0);
      }
    }
    // undici frees a connection a moment after its response's end was read, so the second call
    // opens one more (Node's own fetch does the same); from then on the two serve every call.
    expect(emulator.connections.opened).toBe(2);
  });

  it("closes an idle connection after keepAliveMs when told a short one, and close() closes all", async () => {
    const llm = client({ providers: emulator.providers(), transport: { keepAliveMs: 50 } });
    await llm.chat(ask("openai"));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await llm.chat(ask("openai"));
    expect(emulator.connections.opened).toBe(2);
    await vi.waitFor(() => expect(emulator.connections.open).toBe(0), { timeout: 2000 });
    const kept = client({ providers: emulator.providers() });
    await kept.chat(ask("openai"));
    expect(emulator.connections.open).toBe(1);
    await kept.close();
    await vi.waitFor(() => expect(emulator.connections.open).toBe(0));
    // The SDKs keep the fetch they were given: a call after close() opens a new connection.
    await kept.chat(ask("openai"));
    expect(emulator.connections.opened).toBe(4);
  });

  it("keeps the connection across a pause after which Node's own fetch has closed its", { timeout: 20_000 }, async () => {
    const ours = client({ providers: emulator.providers() });
    const theirs = client({ providers: emulator.providers(), transport: false });
    await ours.chat(ask("openai"));
    await theirs.chat(ask("openai"));
    expect(emulator.connections.opened).toBe(2);
    // Node's fetch closes a connection idle for 4 s, its timers ticking once a second.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await ours.chat(ask("openai"));
    expect(emulator.connections.opened).toBe(2);
    await theirs.chat(ask("openai"));
    expect(emulator.connections.opened).toBe(3);
  });

  it("bad transport settings are a ConfigError naming the setting", () => {
    expect(() => createClient({ transport: { keepAliveMs: -1 } })).toThrow(/transport/);
    expect(() => createClient({ transport: { keepAliveMs: -1 } })).toThrow(ConfigError);
    expect(() => createClient({ transport: { connection: 4 } as never })).toThrow(/transport/);
    expect(() => createClient({ providers: { openai: { transport: true as never } } })).toThrow(/providers\.openai\.transport/);
  });
});

describe("warmup()", () => {
  it("opens the connections asked for, and the calls that follow use them", async () => {
    const llm = client({ providers: emulator.providers() });
    const reports = await llm.warmup({ providers: ["openai"], connections: 3 });
    expect(reports).toEqual([{ provider: "openai", origin: emulator.url, ok: true, ms: expect.any(Number) as number }]);
    expect(emulator.connections.opened).toBe(3);
    await Promise.all([llm.chat(ask("openai")), llm.chat(ask("openai")), llm.chat(ask("openai"))]);
    expect(emulator.connections.opened).toBe(3);
    // No provider request was sent, and so no key.
    expect(emulator.requests.filter((r) => r.provider === "openai")).toHaveLength(3);
  });

  it("warms every configured provider by default, and reports one that cannot be reached without throwing or naming its key", async () => {
    const down = await startEmulator();
    const downURL = down.url;
    await down.close();
    const base = emulator.providers();
    const llm = client({ providers: { openai: base.openai, anthropic: { apiKey: "sk-ant-secret-key-1234", baseURL: downURL } } });
    const reports = await llm.warmup();
    expect(reports.map((r) => [r.provider, r.ok])).toEqual([["openai", true], ["anthropic", false]]);
    expect(reports[1]?.error).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(reports)).not.toContain("sk-ant-secret");
  });

  it("warmup: true in config opens them as the client is made", async () => {
    client({ providers: { google: emulator.providers().google }, warmup: true });
    await vi.waitFor(() => expect(emulator.connections.opened).toBe(1));
    expect(emulator.requests).toHaveLength(0);
  });

  it("bad options are a ConfigError", async () => {
    const llm = client({ providers: emulator.providers() });
    await expect(llm.warmup({ providers: ["opnai"] })).rejects.toThrow(/no provider named "opnai" \(did you mean "openai"\?\)/);
    await expect(llm.warmup({ connections: 0 })).rejects.toBeInstanceOf(ConfigError);
    await expect(llm.warmup({ providers: "openai" as never })).rejects.toThrow(/providers must be a list/);
  });
});

describe("over HTTPS", () => {
  let secure: Emulator;
  beforeAll(async () => {
    secure = await startEmulator({ https: true });
  });
  afterAll(() => secure.close());

  it("with the emulator's certificate as ca, all three providers answer, chat and stream, over the same two connections", async () => {
    const llm = client({ providers: secure.providers(), transport: { ca: secure.certificate as string } });
    for (const provider of providers) {
      await llm.chat(ask(provider));
      await llm.stream(ask(provider)).final();
    }
    // The second connection is undici's, as over HTTP (see above).
    expect(secure.connections).toMatchObject({ opened: 2, tlsHandshakes: 2 });
  });

  it("without it, the certificate is refused: a ConnectionError saying why", async () => {
    const llm = client({ providers: secure.providers() });
    const error = await llm.chat(ask("openai")).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError" });
    expect((error as Error).message).toMatch(/self.signed|SELF_SIGNED|certificate/i);
  });
});
