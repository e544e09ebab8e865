/**
 * A separate Node process with its own proxyless client whose budget lives in a shared Redis. It
 * waits for a `go` line on stdin, then sends `COUNT` chats at once and writes one JSON line: how
 * many were answered, refused by the budget, or failed otherwise, and what the answers cost.
 * Spawned by test/budget-redis.test.ts through tsx.
 *
 * Environment: `BASE_URLS` (the emulator's, as JSON), `REDIS_URL`, `PREFIX`, `NAME`, `LIMIT_USD`,
 * `COUNT`, `TAG` (put in each prompt, to tell processes apart; all of one length).
 */
import { createInterface } from "node:readline";
import { budget, BudgetExceededError, createClient } from "../../src/index.js";

const baseURLs = JSON.parse(process.env.BASE_URLS ?? "{}") as Record<"openai" | "anthropic" | "google", string>;
const shared = budget({
  name: process.env.NAME ?? "shared",
  limitUsd: Number(process.env.LIMIT_USD),
  redis: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: process.env.PREFIX ?? "proxyless-test", connectTimeoutMs: 5_000 },
});
const providers = { openai: { apiKey: "sk-budget-process-0001", baseURL: baseURLs.openai } };
const llm = createClient({ providers, middleware: [shared], retry: false });
const count = Number(process.env.COUNT ?? 1);

// Outside the measurement, and free: the SDK loaded by a call without the budget, the Redis
// connection and the store by reading the figures.
await createClient({ providers, retry: false }).chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "warm up" }], maxTokens: 1 });
await shared.spent();
const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of lines) {
  if (line !== "go") continue;
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `${process.env.TAG ?? ""} question ${String(i).padStart(3, "0")}` }], maxTokens: 20 }).then(
        (response) => ({ cost: response.cost?.usd ?? Number.NaN }),
        (error: unknown) => (error instanceof BudgetExceededError ? { refused: error.reason ?? "unknown" } : { error: error instanceof Error ? error.message : "unknown" }),
      ),
    ),
  );
  process.stdout.write(`${JSON.stringify({ outcomes })}\n`);
  break;
}
await shared.close();
process.exit(0);
