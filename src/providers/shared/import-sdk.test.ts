import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { importSdk } from "./import-sdk.js";

describe("importSdk", () => {
  it("names the package to install when it is missing (imported by name, the default)", async () => {
    const missing = "proxyless-test-package-that-does-not-exist";
    const error: unknown = await importSdk<unknown>({ specifier: missing, entries: ["X"] }, "groq").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `The groq provider needs the "${missing}" package, which is not installed: run \`npm install ${missing}\`` +
        " (in a bundle that runs without node_modules, pass the module itself as providers.groq.sdk)",
    );
  });

  it("loads an installed SDK once", async () => {
    let loads = 0;
    const load = async (specifier: string): Promise<unknown> => {
      loads++;
      expect(specifier).toBe("openai-once");
      return import("openai");
    };
    const source = { specifier: "openai-once", entries: ["OpenAI"] };
    const [a, b] = await Promise.all([importSdk(source, "openai", load), importSdk(source, "openai", load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
  });

  it("uses a module the config gives, without importing anything", async () => {
    const sdk = await import("openai");
    const load = (): Promise<unknown> => Promise.reject(new Error("must not import"));
    await expect(importSdk({ specifier: "openai", entries: ["OpenAI", "APIError"], given: sdk }, "openai", load)).resolves.toBe(sdk);
  });

  it("refuses a given value that is not the SDK's module, saying what to pass", async () => {
    const { default: OpenAI } = await import("openai");
    // The class instead of the module: a likely slip.
    const error: unknown = await importSdk({ specifier: "openai", entries: ["OpenAI"], given: OpenAI }, "openai").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe("providers.openai.sdk");
    expect((error as ConfigError).message).toContain('import * as sdk from "openai"');
  });

  it("refuses a module with the client class but without the error classes typed errors need", async () => {
    const { OpenAI } = await import("openai");
    const error: unknown = await importSdk({ specifier: "openai", entries: ["OpenAI", "APIError", "APIUserAbortError"], given: { OpenAI } }, "openai").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("this value has no APIError, APIUserAbortError");
  });
});
