/**
 * The resilience middleware's part of `npm run bench`: `rateLimit` + `retry` + `timeout` on the
 * happy path (nothing limited, nothing failing) against the same client with no middleware at all,
 * alternating call by call, for chat and for stream; and the Redis-backed limiter next to them, for
 * the latency its shared permits add.
 *
 * Target (issue 8): the in-process trio adds under 3% of an emulator round trip, measured as the
 * median of paired differences (the ratio of medians is shown too; on a noisy 2-core machine it
 * moves by a few percent from run to run on its own), after a warm-up long enough for V8 to have
 * compiled the middleware (`overhead.ts` gives at least 1500 calls). The Redis limiter's added
 * latency is reported, held to no target.
 */
import { createClient, rateLimit, retry, timeout, type ChatRequest, type Client } from "../dist/index.js";
import { alternate } from "./alternate.js";
import { summarize } from "./stats.js";

export interface ResilienceBenchOptions {
  readonly url: string;
  readonly iterations: number;
  readonly warmup: number;
}

/** One line of the report; `ok` is undefined for a line held to no target. */
export interface ResilienceBenchLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const TARGET = 1.03;
/** Limits no benchmark reaches: every permit is granted at once, and all the accounting still runs. */
const RULES = { "*": { rpm: 10_000_000, tpm: 1_000_000_000, concurrency: 10_000 } };

export async function runResilienceBench({ url, iterations, warmup }: ResilienceBenchOptions): Promise<ResilienceBenchLine[]> {
  const providers = { openai: { apiKey: "sk-bench", baseURL: `${url}/v1` } };
  const limits = { totalMs: 60_000, firstTokenMs: 30_000, idleMs: 30_000 };
  const bare = createClient({ providers, retry: false });
  const local = rateLimit({ rules: RULES });
  const trio = createClient({ providers, middleware: [retry(), local, timeout(limits)] });
  const request: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Summarise the benefits of an in-process gateway." }], maxTokens: 200 };
  const call = (client: Client, kind: "chat" | "stream") => (kind === "chat" ? () => client.chat(request) : () => client.stream(request).final());
  const lines: ResilienceBenchLine[] = [];
  for (const kind of ["chat", "stream"] as const) {
    const [none = [], inProcess = []] = await alternate([call(bare, kind), call(trio, kind)], iterations, warmup);
    const base = summarize(none).median;
    const ours = summarize(inProcess).median;
    // The median of the paired differences (call i of one next to call i of the other): the added
    // time, robust to the drift of a noisy machine, which moves both calls of a pair alike.
    const added = summarize(inProcess.map((ms, i) => ms - (none[i] ?? ms))).median;
    const share = added / base;
    lines.push({ label: `${kind}: no middleware (median)`, value: `${(base * 1000).toFixed(0)} µs` });
    lines.push({ label: `${kind}: + retry, rateLimit, timeout`, value: `${(ours * 1000).toFixed(0)} µs, ratio of medians ${(ours / base).toFixed(3)}` });
    lines.push({ label: `${kind}: added per call (paired)`, value: `${(added * 1000).toFixed(0)} µs, ${(share * 100).toFixed(1)}% of a round trip (target < ${((TARGET - 1) * 100).toFixed(0)}%)`, ok: share < TARGET - 1 });
  }
  await local.close();
  // Measured apart, after: Bottleneck's heartbeats and pub/sub would otherwise run under the others.
  const shared = rateLimit({ rules: RULES, redis: { url: REDIS_URL, prefix: `proxyless-bench:${process.pid}`, onUnavailable: "closed" } });
  const viaRedis = createClient({ providers, middleware: [retry(), shared, timeout(limits)] });
  try {
    const [none = [], redis = []] = await alternate([call(bare, "chat"), call(viaRedis, "chat")], iterations, warmup);
    const added = summarize(redis.map((ms, i) => ms - (none[i] ?? ms))).median;
    lines.push({ label: "chat: the same, limits on Redis", value: `${(summarize(redis).median * 1000).toFixed(0)} µs, +${(added * 1000).toFixed(0)} µs per call (paired; rpm, tpm and concurrency each a Bottleneck job)` });
  } finally {
    await shared.close();
  }
  return lines;
}
