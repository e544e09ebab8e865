import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { importSdk } from "./import-sdk.js";

describe("importSdk", () => {
  it("names the package to install when it is missing", async () => {
    const missing = "proxyless-test-package-that-does-not-exist";
    const error: unknown = await importSdk<unknown>(missing, "groq", () => import(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `The groq provider needs the "${missing}" package, which is not installed: run \`npm install ${missing}\``,
    );
  });

  it("loads an installed SDK once", async () => {
    let loads = 0;
    const load = async (): Promise<unknown> => {
      loads++;
      return import("openai");
    };
    const [a, b] = await Promise.all([importSdk("openai-once", "openai", load), importSdk("openai-once", "openai", load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
  });
});
