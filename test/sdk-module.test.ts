/**
 * `providers.<name>.sdk`: the SDK module handed in (a bundle that carries it inside) is the one
 * every call uses, on each of the three providers; nothing is imported by name then.
 */
import * as anthropicSdk from "@anthropic-ai/sdk";
import * as googleSdk from "@google/genai";
import * as openaiSdk from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, createClient } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** The module with its client class swapped for a subclass that counts the clients made. */
function counted<M extends object>(module: M, entry: keyof M & string): { module: M; made: () => number } {
  let made = 0;
  const Base = module[entry] as unknown as new (...args: unknown[]) => object;
  const Counting = class extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      made++;
    }
  };
  return { module: { ...module, [entry]: Counting }, made: () => made };
}

describe("a provider's SDK module given in config", () => {
  it.each([
    ["openai", "openai/gpt-4o-mini", counted(openaiSdk, "OpenAI")],
    ["anthropic", "anthropic/claude-haiku-4-5", counted(anthropicSdk, "Anthropic")],
    ["google", "google/gemini-2.5-flash", counted(googleSdk, "GoogleGenAI")],
  ] as const)("%s: calls go through the module given", async (name, model, sdk) => {
    const llm = createClient({ providers: { [name]: { ...emulator.providers("k")[name], sdk: sdk.module } } });
    const res = await llm.chat({ model, messages: [{ role: "user", content: "Hi" }], maxTokens: 5 });
    expect(res.text.length).toBeGreaterThan(0);
    expect(sdk.made()).toBe(1);
  });

  it("the class instead of the module is a ConfigError naming providers.openai.sdk when the client is made", () => {
    expect(() => createClient({ providers: { openai: { ...emulator.providers("k").openai, sdk: openaiSdk.default } } })).toThrow(
      expect.objectContaining({ name: "ConfigError", path: "providers.openai.sdk" }),
    );
  });

  it("a module without the SDK's class is a ConfigError saying what to pass, before anything is sent", async () => {
    const before = emulator.requests.length;
    const llm = createClient({ providers: { openai: { ...emulator.providers("k").openai, sdk: { default: openaiSdk.default } } } });
    const error = await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe("providers.openai.sdk");
    expect((error as ConfigError).message).toContain('import * as sdk from "openai"');
    expect(emulator.requests.length).toBe(before);
  });
});
