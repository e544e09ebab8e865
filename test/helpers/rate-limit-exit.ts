/**
 * A script whose only pending work is calls held back by the limiter (a window, then a pause): it
 * must wait for them, not exit with them unsettled. Prints how many were answered. Spawned by
 * test/rate-limit.test.ts through tsx; `BASE_URLS` is the emulator's.
 */
import { createClient, rateLimit } from "../../src/index.js";

const baseURLs = JSON.parse(process.env.BASE_URLS ?? "{}") as Record<"openai", string>;
const llm = createClient({
  providers: { openai: { apiKey: "sk-exit-0001", baseURL: baseURLs.openai } },
  middleware: [rateLimit({ rules: { "openai/*": { rpm: 2, windowMs: 300 } } })],
  retry: false,
});
let answered = 0;
for (let i = 0; i < 4; i++) {
  await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `q${i}` }], maxTokens: 5 });
  answered += 1;
}
process.stdout.write(`${answered}\n`);
