/**
 * The cache on Redis: processes share entries and single flight; a Redis that is down or slow
 * never fails a call, and hits come back once it returns. Against the Redis at 127.0.0.1:6379 and
 * throwaway redis-servers.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cache, createClient, type ChatRequest } from "proxyless";
import { redisStore } from "proxyless/redis";
import { startEmulator, type Emulator } from "proxyless/testing";
import { deleteSharedKeys, freePort, SHARED_REDIS_URL, startRedisServer } from "./helpers/redis.js";
import { spawnTsx } from "./helpers/spawn-tsx.js";

const PREFIX = `proxyless-test:cache:${process.pid}:${Date.now()}:`;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  await deleteSharedKeys(`${PREFIX}*`);
});

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content }], ...extra });

/** A child process with its own client on the shared Redis. */
class CacheProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: Interface;
  readonly #pending: ((line: string) => void)[] = [];

  constructor(prefix: string) {
    this.#child = spawnTsx("cache-process.ts", { BASE_URLS: JSON.stringify(emulator.baseURLs), REDIS_URL: SHARED_REDIS_URL, CACHE_PREFIX: prefix, OPERATION_TIMEOUT_MS: "2000" });
    this.#lines = createInterface({ input: this.#child.stdout });
    this.#lines.on("line", (line) => this.#pending.shift()?.(line));
    // What a child says on stderr shows in the test output: a failing child must not fail silently.
    this.#child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`cache process: ${String(chunk)}`));
  }

  #next(): Promise<Record<string, unknown>> {
    return new Promise((resolve) => this.#pending.push((line) => resolve(JSON.parse(line) as Record<string, unknown>)));
  }

  ready(): Promise<Record<string, unknown>> {
    return this.#next();
  }

  chat(request: ChatRequest): Promise<Record<string, unknown>> {
    const answer = this.#next();
    this.#child.stdin.write(`${JSON.stringify(request)}\n`);
    return answer;
  }

  async exit(): Promise<void> {
    this.#child.stdin.write("exit\n");
    await new Promise((resolve) => this.#child.once("exit", resolve));
  }
}

describe("processes sharing redisStore", () => {
  it("a second process gets the first one's answer from Redis", async () => {
    const prefix = `${PREFIX}two:`;
    const [first, second] = [new CacheProcess(prefix), new CacheProcess(prefix)];
    await Promise.all([first.ready(), second.ready()]);
    emulator.reset();
    const miss = await first.chat(ask("shared between processes"));
    const hit = await second.chat(ask("shared between processes"));
    expect(miss).toMatchObject({ cached: false, cache: { status: "miss" } });
    expect(hit).toMatchObject({ cached: true, cache: { status: "hit" }, text: miss.text });
    expect(emulator.requests).toHaveLength(1);
    await Promise.all([first.exit(), second.exit()]);
  }, 30_000);

  it("4 processes sending the same new prompt at one instant make one upstream request", async () => {
    const prefix = `${PREFIX}four:`;
    const processes = Array.from({ length: 4 }, () => new CacheProcess(prefix));
    await Promise.all(processes.map((child) => child.ready()));
    emulator.reset();
    emulator.script({ respond: { type: "reply", text: "one answer for four processes", latencyMs: 100 }, times: 4 });
    const answers = await Promise.all(processes.map((child) => child.chat(ask("a burst across processes"))));
    expect(emulator.requests).toHaveLength(1);
    expect(answers.map((answer) => answer.text)).toEqual(Array(4).fill("one answer for four processes"));
    expect(answers.filter((answer) => answer.cached)).toHaveLength(3);
    await Promise.all(processes.map((child) => child.exit()));
  }, 30_000);
});

describe("Redis in trouble", () => {
  it("a closed port: calls succeed upstream within the bound, saying the cache was skipped", async () => {
    const store = redisStore({ url: `redis://127.0.0.1:${await freePort()}`, operationTimeoutMs: 100 });
    const llm = createClient({ providers: emulator.providers("sk-down-0001"), middleware: [cache({ store })] });
    const direct = createClient({ providers: emulator.providers("sk-down-0001") });
    await direct.chat(ask("warm up"));
    for (const prompt of ["down one", "down two"]) {
      const started = performance.now();
      const response = await llm.chat(ask(prompt));
      const took = performance.now() - started;
      expect(response.meta.cache?.status).toBe("skip");
      expect(response.meta.warnings.map((warning) => warning.setting)).toContain("cache");
      // At most the store's bound (one read) over an upstream call, with room for a noisy machine.
      expect(took).toBeLessThan(100 + 400);
    }
    await store.close();
  });

  it("a Redis that hangs costs a call at most the bound: it goes upstream, saying the cache was skipped", async () => {
    const server = await startRedisServer();
    const store = redisStore({ url: server.url, operationTimeoutMs: 100 });
    const admin = new Redis(server.url);
    const llm = createClient({ providers: emulator.providers("sk-slow-0001"), middleware: [cache({ store })] });
    try {
      await llm.chat(ask("before the pause"));
      const upstream = performance.now();
      await llm.chat(ask("an upstream call, timed", { cache: { mode: "bypass" } }));
      const upstreamMs = performance.now() - upstream;
      await admin.call("CLIENT", "PAUSE", "800", "ALL");
      const started = performance.now();
      const response = await llm.chat(ask("during the pause"));
      const took = performance.now() - started;
      expect(response.meta.cache?.status).toBe("skip");
      // The read times out at the bound; nothing more is asked of the store on that call.
      expect(took).toBeLessThan(upstreamMs + 100 + 250);
    } finally {
      await admin.call("CLIENT", "UNPAUSE").catch(() => undefined);
      admin.disconnect();
      await store.close();
      await server.stop();
    }
  }, 30_000);

  it("after Redis returns, calls hit again", async () => {
    const server = await startRedisServer();
    const store = redisStore({ url: server.url, operationTimeoutMs: 100 });
    const llm = createClient({ providers: emulator.providers("sk-back-0001"), middleware: [cache({ store })] });
    try {
      await llm.chat(ask("before the outage"));
      expect((await llm.chat(ask("before the outage"))).meta.cache?.status).toBe("hit");
      await server.stop();
      expect((await llm.chat(ask("during the outage"))).meta.cache?.status).toBe("skip");
      await server.restart();
      // The client reconnects in the background: the cache comes back by itself.
      let status: string | undefined;
      for (let i = 0; i < 60 && status !== "hit"; i++) {
        status = (await llm.chat(ask("after the outage"))).meta.cache?.status;
        if (status !== "hit") await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe("hit");
    } finally {
      await store.close();
      await server.stop();
    }
  }, 30_000);
});
