import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors/config-error.js";
import type { Middleware } from "../core/types/middleware.js";
import { loadConfig } from "./load-config.js";

async function file(contents: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "proxyless-config-"));
  const path = join(dir, "proxyless.json");
  await writeFile(path, contents);
  return path;
}

const tag: Middleware = { name: "tag", transformRequest: ({ request }) => request };

describe("loadConfig", () => {
  it("reads providers and aliases, with secrets from the environment", async () => {
    const path = await file(
      JSON.stringify({
        $schema: "./schema.json",
        providers: { groq: { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", apiKey: ["env:K1", "env:K2"] } },
        models: { fast: "groq/llama" },
      }),
    );
    await expect(loadConfig(path, { env: { K1: "a", K2: "b" } })).resolves.toEqual({
      providers: { groq: { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", apiKey: ["a", "b"] } },
      models: { fast: "groq/llama" },
    });
  });

  it("names the path and the variable that is missing", async () => {
    const path = await file(JSON.stringify({ providers: { openai: { apiKey: "env:NOPE_KEY" } } }));
    await expect(loadConfig(path, { env: {} })).rejects.toThrow(`${path}: providers.openai.apiKey: environment variable NOPE_KEY is not set`);
  });

  it("builds middleware by name, with options", async () => {
    const seen: unknown[] = [];
    const path = await file(JSON.stringify({ middleware: ["tag", { name: "tag", options: { level: 2, key: "env:M" } }] }));
    const config = await loadConfig(path, {
      env: { M: "m" },
      middleware: {
        tag: (options) => {
          seen.push(options);
          return tag;
        },
      },
    });
    expect(config.middleware).toEqual([tag, tag]);
    expect(seen).toEqual([{}, { level: 2, key: "m" }]);
  });

  it("rejects an unknown middleware name", async () => {
    const path = await file(JSON.stringify({ middleware: ["cache"] }));
    const error = await loadConfig(path, { middleware: { tag: () => tag } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${path}: middleware[0]: unknown middleware "cache" (known: tag)`);
  });

  it("names the built-in middleware with JSON options: retry, rateLimit, timeout, cache", async () => {
    const path = await file(
      JSON.stringify({
        middleware: ["cache", { name: "retry", options: { retries: 3 } }, { name: "rateLimit", options: { rules: { "openai/*": { rpm: 500 } } } }, { name: "timeout", options: { totalMs: 30_000 } }],
        retry: false,
      }),
    );
    const config = await loadConfig(path);
    expect(config.middleware?.map((m) => [m.name, m.scope ?? "request"])).toEqual([
      ["cache", "request"],
      ["retry", "attempt"],
      ["rate-limit", "attempt"],
      ["timeout", "attempt"],
    ]);
    expect(config.retry).toBe(false);
  });

  it("a built-in middleware's bad option is a ConfigError naming the file", async () => {
    const path = await file(JSON.stringify({ middleware: [{ name: "rateLimit", options: { rules: { "openai/*": { rpn: 5 } } } }] }));
    const error = await loadConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(path);
    expect((error as ConfigError).message).toContain("rpn is not a rule setting");
  });

  it("checks the file itself: an unknown key, top-level or nested, with its path, the file's name and the key it most likely meant", async () => {
    const path = await file(JSON.stringify({ provders: { openai: { apiKey: "sk-x" } } }));
    const error = await loadConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe("provders");
    expect((error as ConfigError).message).toBe(`${path}: Invalid client config: provders: unknown field; did you mean "providers"?`);

    const nested = await file(JSON.stringify({ providers: { local: { type: "openai-compatible", baseUrl: "http://127.0.0.1:1/v1" } } }));
    const second = await loadConfig(nested).catch((e: unknown) => e);
    expect((second as ConfigError).path).toBe("providers.local.baseUrl");
    expect((second as ConfigError).message).toContain('providers.local.baseUrl: unknown field; did you mean "baseURL"?');
    expect((second as ConfigError).message).toContain(nested);
  });

  it("reports unreadable and invalid files", async () => {
    await expect(loadConfig("/nonexistent/proxyless.json")).rejects.toThrow("Cannot read config file /nonexistent/proxyless.json");
    const path = await file("{ not json");
    await expect(loadConfig(path)).rejects.toThrow(`Config file ${path} is not valid JSON`);
  });
});
