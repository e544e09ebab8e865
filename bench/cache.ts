/**
 * The cache's part of `npm run bench`, in the same run as the overhead table: a memory hit and a
 * Redis hit next to the upstream emulator call they save, alternating block by block; the key of a
 * typical 2 kB request; and the memory store's byte bound under 100k distinct entries.
 *
 * Targets (issue 7): a memory hit median under 20 µs and at least 20x faster than the emulator
 * round trip; the key of a 2 kB request under 10 µs; the memory store within its byte bound.
 */
import { cache, createClient, memoryStore, type ChatRequest } from "../dist/index.js";
import { redisStore } from "../dist/redis.js";
import { summarize } from "./stats.js";

export interface CacheBenchOptions {
  readonly url: string;
  readonly iterations: number;
  readonly warmup: number;
}

/** One line of the report; `ok` is undefined for a line held to no target. */
export interface CacheBenchLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** About 2 kB as JSON: a system prompt, a few turns, a tool, sampling settings. */
function typicalRequest(tag: string): ChatRequest {
  const filler = "The quick brown fox jumps over the lazy dog. ".repeat(8);
  return {
    model: "openai/gpt-4o-mini",
    messages: [
      { role: "system", content: `You are a helpful assistant. ${filler}` },
      { role: "user", content: `Question ${tag}: ${filler}` },
      { role: "assistant", content: filler },
      { role: "user", content: `Follow-up ${tag}: ${filler}` },
    ],
    tools: [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }],
    temperature: 0.2,
    maxTokens: 200,
  };
}

async function time(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

export async function runCacheBench({ url, iterations, warmup }: CacheBenchOptions): Promise<CacheBenchLine[]> {
  const providers = { openai: { apiKey: "sk-bench", baseURL: `${url}/v1` } };
  const memoryCache = cache();
  const viaMemory = createClient({ providers, middleware: [memoryCache] });
  const redis = redisStore({ url: REDIS_URL, prefix: `proxyless-bench:${process.pid}:` });
  const viaRedis = createClient({ providers, middleware: [cache({ store: redis })] });
  const request = typicalRequest("bench");
  const upstream: ChatRequest = { ...request, cache: { mode: "bypass" } };
  const lines: CacheBenchLine[] = [];

  await viaMemory.chat(request);
  const redisUp = (await viaRedis.chat(request)).meta.cache?.status !== "skip";
  const samples = { upstream: [] as number[], memory: [] as number[], redis: [] as number[] };
  const runs: [keyof typeof samples, () => Promise<unknown>][] = [
    ["upstream", () => viaMemory.chat(upstream)],
    ["memory", () => viaMemory.chat(request)],
    ...(redisUp ? ([["redis", () => viaRedis.chat(request)]] as [keyof typeof samples, () => Promise<unknown>][]) : []),
  ];
  // Alternating in blocks rather than call by call: an HTTP call leaves work behind (its socket
  // going back to the pool, buffers freed) that would otherwise run inside the next hit's awaits
  // and be charged to it. Each block's first call is dropped for the same reason.
  const BLOCK = 20;
  const calls = { upstream: 0, memory: 0, redis: 0 };
  for (let block = 0; calls.upstream < warmup + iterations; block++) {
    for (let k = 0; k < runs.length; k++) {
      const [name, run] = runs[(block + k) % runs.length] as (typeof runs)[number];
      for (let j = 0; j <= BLOCK; j++) {
        const ms = await time(run);
        if (j > 0 && calls[name]++ >= warmup) samples[name].push(ms);
      }
    }
  }
  const up = summarize(samples.upstream).median;
  const memory = summarize(samples.memory).median;
  lines.push({ label: "upstream emulator call (median)", value: `${(up * 1000).toFixed(0)} µs` });
  lines.push({ label: "memory hit (median)", value: `${(memory * 1000).toFixed(1)} µs (target < 20 µs)`, ok: memory * 1000 < 20 });
  lines.push({ label: "memory hit speed-up", value: `${(up / memory).toFixed(1)}x the upstream call (target >= 20x)`, ok: up / memory >= 20 });
  if (redisUp) {
    const hit = summarize(samples.redis).median;
    lines.push({ label: "redis hit (median)", value: `${(hit * 1000).toFixed(0)} µs, ${(up / hit).toFixed(1)}x the upstream call` });
  } else {
    lines.push({ label: "redis hit", value: `not measured: no Redis answers at ${REDIS_URL}` });
  }
  // The entry expires by itself; a benchmark still leaves nothing behind.
  if (redisUp) await redis.delete(memoryCache.explain(request).key).catch(() => undefined);
  await redis.close();

  // The key alone: explain() computes exactly what a call hashes.
  const keyed = typicalRequest("key");
  const bytes = JSON.stringify(keyed).length;
  const batch = 1000;
  const perKey: number[] = [];
  for (let round = 0; round < Math.max(5, Math.round(iterations / 20)); round++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) memoryCache.explain(keyed);
    perKey.push(((performance.now() - start) / batch) * 1000);
  }
  const key = summarize(perKey).median;
  lines.push({ label: `key of a ${(bytes / 1024).toFixed(1)} kB request`, value: `${key.toFixed(2)} µs (target < 10 µs)`, ok: key < 10 });

  // The byte bound: 100k distinct entries of ~1 kB into a 16 MiB store.
  const maxBytes = 16 * 1024 * 1024;
  const store = memoryStore({ maxEntries: 1_000_000, maxBytes });
  const value = "x".repeat(1000);
  let highest = 0;
  for (let i = 0; i < 100_000; i++) {
    await store.set(`v1:${i.toString(16).padStart(64, "0")}`, value, 60_000);
    if (store.bytes > highest) highest = store.bytes;
  }
  lines.push({
    label: "memory store, 100k entries",
    value: `${(highest / 1024 / 1024).toFixed(2)} MiB at most, bound ${(maxBytes / 1024 / 1024).toFixed(0)} MiB, ${store.size} entries kept`,
    ok: highest <= maxBytes,
  });
  return lines;
}
