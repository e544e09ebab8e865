/**
 * A separate Node process with its own proxyless client, sharing a Redis cache: it reads one JSON
 * request per line on stdin and writes one JSON answer per line on stdout. Spawned by
 * test/cache-redis.test.ts (through tsx) to prove that processes share entries and single flight.
 *
 * Environment: `BASE_URLS` (the emulator's, as JSON), `REDIS_URL`, `CACHE_PREFIX`,
 * `OPERATION_TIMEOUT_MS` (the store's bound: generous in tests, where a loaded machine must not
 * turn a slow answer into a skipped cache and a second upstream call).
 */
import { createInterface } from "node:readline";
import { cache, createClient, type ChatRequest } from "../../src/index.js";
import { redisStore } from "../../src/redis.js";

const baseURLs = JSON.parse(process.env.BASE_URLS ?? "{}") as Record<"openai" | "anthropic" | "google", string>;
const store = redisStore({
  url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  prefix: process.env.CACHE_PREFIX ?? "proxyless-test:",
  operationTimeoutMs: Number(process.env.OPERATION_TIMEOUT_MS ?? 100),
});
const llm = createClient({
  providers: {
    openai: { apiKey: "sk-process-0001", baseURL: baseURLs.openai },
    anthropic: { apiKey: "sk-ant-process-0001", baseURL: baseURLs.anthropic },
    google: { apiKey: "AIza-process-0001", baseURL: baseURLs.google },
  },
  middleware: [cache({ store })],
});

const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of lines) {
  if (line === "exit") break;
  const request = JSON.parse(line) as ChatRequest;
  try {
    const response = await llm.chat(request);
    process.stdout.write(`${JSON.stringify({ text: response.text, cached: response.meta.cached, cache: response.meta.cache })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
await store.close();
// stdin stays open (the parent's pipe), which would keep this process alive.
process.exit(0);
