/**
 * A separate Node process with its own proxyless client whose rate limits live in a shared Redis.
 * It waits for a `go` line on stdin, then sends `COUNT` chats at once and writes one JSON line:
 * the usage of each answer, or the error. Spawned by test/rate-limit-redis.test.ts through tsx.
 *
 * Environment: `BASE_URLS` (the emulator's, as JSON), `REDIS_URL`, `PREFIX`, `RULES` (JSON),
 * `COUNT`, `MAX_TOKENS`, `TAG` (put in each prompt, to tell processes apart).
 */
import { createInterface } from "node:readline";
import { createClient, rateLimit } from "../../src/index.js";

const baseURLs = JSON.parse(process.env.BASE_URLS ?? "{}") as Record<"openai" | "anthropic" | "google", string>;
const limiter = rateLimit({
  rules: JSON.parse(process.env.RULES ?? "{}") as Parameters<typeof rateLimit>[0]["rules"],
  redis: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: process.env.PREFIX ?? "proxyless-test", onUnavailable: "closed", connectTimeoutMs: 5_000 },
});
const llm = createClient({
  providers: { openai: { apiKey: "sk-process-0001", baseURL: baseURLs.openai } },
  middleware: [limiter],
  retry: false,
});
const count = Number(process.env.COUNT ?? 1);
const maxTokens = process.env.MAX_TOKENS ? Number(process.env.MAX_TOKENS) : undefined;

// A first call outside the measurement: the SDK and the Redis lanes are loaded when `go` comes.
await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "warm up" }], maxTokens: 1 });
const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of lines) {
  if (line !== "go") continue;
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      llm
        .chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `${process.env.TAG ?? ""} ${i}` }], ...(maxTokens ? { maxTokens } : {}) })
        .then((response) => ({ content: `${process.env.TAG ?? ""} ${i}`, tokens: response.usage.inputTokens + response.usage.outputTokens }))
        .catch((error: unknown) => ({ error: error instanceof Error ? error.message : "unknown" })),
    ),
  );
  process.stdout.write(`${JSON.stringify({ results })}\n`);
  break;
}
await limiter.close();
process.exit(0);
