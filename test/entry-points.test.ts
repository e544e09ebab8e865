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
    const source = readFileSync(file, "utf8");
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

  it("rateLimit reaches ioredis only through the import it makes when given redis", () => {
    expect(packagesReachedFrom("middleware/rate-limit/index.ts", false).has("ioredis")).toBe(false);
    expect(packagesReachedFrom("middleware/rate-limit/index.ts", true).has("ioredis")).toBe(true);
  });
});
