import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "proxyless/testing": fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)),
      "proxyless/redis": fileURLToPath(new URL("./src/redis.ts", import.meta.url)),
      proxyless: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
