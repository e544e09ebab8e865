/**
 * Bad input fails before any network call, with a typed error naming the field; a missing key
 * says which variable to set; keys never leak into errors.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, createClient, ValidationError, type ProxylessError } from "proxyless";
import { useEmulator } from "./helpers/use-emulator.js";


const harness = useEmulator("sk-safety-secret-0001");
afterEach(() => vi.unstubAllEnvs());

describe("bad requests never reach the network", () => {
  it.each([
    [{ model: "openai/gpt-4o-mini", messages: [] }, "messages"],
    [{ model: "anthropic/claude", messages: [{ role: "user", content: "x" }], temperature: 7 }, "temperature"],
    [{ model: "google/gemini", messages: [{ role: "user", content: [{ type: "image", data: "aGk=" }] }] }, "messages[0].content[0].mediaType"],
    [{ model: "openai/gpt", messages: [{ role: "user", content: "x" }], tools: [{ name: "bad name", parameters: {} }] }, "tools[0].name"],
    [{ model: "nope/model", messages: [{ role: "user", content: "x" }] }, "model"],
  ])("%j → ValidationError at %s", async (request, path) => {
    const error = (await harness.llm.chat(request as never).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.message).toContain(path);
    const streamed = await (async () => harness.llm.stream(request as never).final())().catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(ValidationError);
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it("rejects a file the provider cannot take before sending", async () => {
    const request = { model: "openai/gpt-4o-mini", messages: [{ role: "user" as const, content: [{ type: "file" as const, url: "https://x.test/a.pdf", mediaType: "application/pdf" }] }] };
    await expect(harness.llm.chat(request)).rejects.toThrow(ValidationError);
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it("bad config is a ConfigError naming the field", () => {
    expect(() => createClient({ providers: { openai: { apiKey: 42 as never } } })).toThrow(ConfigError);
    expect(() => createClient({ providers: { openai: { apiKey: 42 as never } } })).toThrow("providers.openai.apiKey");
    expect(() => createClient({ providers: { groq: { type: "openai-compatible" } } })).toThrow(
      "providers.groq.baseURL is required for an openai-compatible provider",
    );
    expect(() => createClient({ providers: { x: { type: "cohere" } } })).toThrow('providers.x.type: unknown provider type "cohere"');
  });
});

describe("missing keys", () => {
  it.each([
    ["openai/gpt-4o-mini", "OPENAI_API_KEY"],
    ["anthropic/claude-haiku-4-5", "ANTHROPIC_API_KEY"],
    ["google/gemini-2.5-flash", "GOOGLE_API_KEY or GEMINI_API_KEY"],
  ])("%s says to set %s", async (model, variables) => {
    for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY"]) vi.stubEnv(name, "");
    const keyless = createClient({
      providers: Object.fromEntries(Object.entries(harness.emulator.providers()).map(([name, { baseURL }]) => [name, { baseURL }])),
    });
    const error = (await keyless.chat({ model, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`set ${variables} in the environment`);
    expect(harness.emulator.requests).toHaveLength(0);
  });

  it("reads the key from the environment like the SDKs do", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-from-env-9876");
    const fromEnv = createClient({ providers: { anthropic: { baseURL: harness.emulator.baseURLs.anthropic } } });
    await fromEnv.chat({ model: "anthropic/claude", messages: [{ role: "user", content: "x" }] });
    expect(harness.emulator.requests[0]?.apiKeySuffix).toBe("9876");
  });
});

describe("secrets", () => {
  it.each(["openai", "anthropic", "google"] as const)("a %s error echoing the key never carries it", async (provider) => {
    const key = "sk-safety-secret-0001";
    harness.emulator.script({ provider, respond: { type: "error", status: 401, message: `Invalid key ${key}` } });
    const error = (await harness.llm.chat({ model: `${provider}/m`, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as ProxylessError;
    expect(error.name).toBe("AuthenticationError");
    const cause = error.cause as Error & Record<string, unknown>;
    const everything = [error.message, error.stack, JSON.stringify(error), cause.message, cause.stack, JSON.stringify(cause.error ?? null)].join("\n");
    expect(everything).not.toContain(key);
    expect(JSON.stringify(harness.emulator.requests)).not.toContain(key);
  });
});
