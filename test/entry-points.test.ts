/**
 * `proxyless` never loads ioredis: only `proxyless/redis` does, so an application that never asks
 * for Redis needs neither the package nor its startup cost.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Every package a module imports, following its relative imports (type-only imports left out). */
function packagesReachedFrom(entry: string, followDynamic = true): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    // Comments left out: a TSDoc example may show an import.
    const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)/gm)) {
      if (match[2] !== undefined && !followDynamic) continue;
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(resolve(SRC, entry));
  return packages;
}

describe("entry points", () => {
  it("proxyless does not import ioredis; proxyless/redis does", () => {
    const main = packagesReachedFrom("index.ts", false);
    expect(main.has("lru-cache")).toBe(true);
    expect(main.has("ioredis")).toBe(false);
    expect(packagesReachedFrom("redis.ts").has("ioredis")).toBe(true);
  });

  it("no import a bundler follows from proxyless names an optional package: an OpenAI-only app bundles with only openai installed", () => {
    // Dynamic imports of our own files are followed too, as a bundler does: the Redis permits and
    // budgets, and the SDKs, are imported by name (importByName), which a bundler leaves alone.
    const reached = packagesReachedFrom("index.ts", true);
    for (const optional of ["ioredis", "openai", "@anthropic-ai/sdk", "@google/genai"]) expect(reached.has(optional)).toBe(false);
    expect(packagesReachedFrom("testing/index.ts", true).has("ioredis")).toBe(false);
  });
});
