import { execFileSync } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { inspect } from "node:util";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { redisStore, type RedisStore } from "../src/redis.js";
import { answersPing, freePort, SHARED_REDIS_URL, startRedisServer, type RedisServer } from "./helpers/redis.js";

const BOUND_MS = 100;
/** What a rejection may take beyond the bound: timers and the event loop, not a second bound. */
const SLACK_MS = 200;

const sharedRedisUp = await answersPing(Number(new URL(SHARED_REDIS_URL).port || 6379), new URL(SHARED_REDIS_URL).hostname);
const hasRedisServer = canRun("redis-server", ["--version"]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves the rejection's error and how long it took; fails the test if the promise resolves. */
async function rejection(operation: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = performance.now();
  try {
    await operation();
  } catch (error) {
    if (!(error instanceof Error)) throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
    return { error, ms: performance.now() - started };
  }
  throw new Error("expected a rejection, but the operation succeeded");
}

/** Every operation of the store, each named by the command its error message names. */
function everyOperation(store: RedisStore): [string, () => Promise<unknown>][] {
  return [
    ["GET", () => store.get("k")],
    ["SET", () => store.set("k", "v", 1_000)],
    ["DEL", () => store.delete("k")],
    ["SET NX", () => store.acquireLock("k", 1_000)],
    ["EVAL", () => store.releaseLock("k", "token")],
    ["EXISTS", () => store.isLocked("k")],
  ];
}

async function expectAllRejectWithinBound(store: RedisStore): Promise<void> {
  for (const [command, operation] of everyOperation(store)) {
    const { error, ms } = await rejection(operation);
    expect(error.message).toMatch(new RegExp(`^redis store: ${command} (failed|timed out)`));
    expect(ms).toBeLessThan(BOUND_MS + SLACK_MS);
  }
}

/** ioredis prints this when a client has no `error` listener; the store must always have one. */
function watchForUnhandledErrorEvents(): () => void {
  const consoleError = vi.spyOn(console, "error");
  return () => {
    const printed = consoleError.mock.calls.map((args) => args.map(String).join(" "));
    consoleError.mockRestore();
    expect(printed.filter((line) => line.includes("[ioredis]"))).toEqual([]);
  };
}

it("has the Redis these tests need (.ci/run starts one at 127.0.0.1:6379)", () => {
  expect(sharedRedisUp, `no Redis answers at ${SHARED_REDIS_URL}`).toBe(true);
  expect(hasRedisServer, "redis-server is not on PATH").toBe(true);
});

describe("redisStore against a running Redis", () => {
  const prefix = `proxyless-test:${String(process.pid)}:${String(Date.now())}:`;
  let store: RedisStore;
  let admin: Redis;

  beforeAll(() => {
    store = redisStore({ url: SHARED_REDIS_URL, prefix, operationTimeoutMs: 1_000 });
    admin = new Redis(SHARED_REDIS_URL);
  });
  afterAll(async () => {
    await store.close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it("sets, gets and deletes under its prefix, with the TTL as PX", async () => {
    expect(store.name).toBe("redis");
    expect(await store.get("missing")).toBeUndefined();
    await store.set("a", '{"x":1}', 60_000);
    expect(await store.get("a")).toBe('{"x":1}');
    expect(await admin.get(`${prefix}a`)).toBe('{"x":1}');
    const pttl = await admin.pttl(`${prefix}a`);
    expect(pttl).toBeGreaterThan(59_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await store.set("a", "replaced", 60_000);
    expect(await store.get("a")).toBe("replaced");
    await store.delete("a");
    expect(await store.get("a")).toBeUndefined();
    await store.delete("never-set");
  });

  it("lets Redis expire an entry after its TTL", async () => {
    await store.set("short", "v", 50);
    expect(await store.get("short")).toBe("v");
    await sleep(120);
    expect(await store.get("short")).toBeUndefined();
  });

  it("stores nothing for a TTL that is not positive, and drops what was there", async () => {
    await store.set("k", "v", 60_000);
    await store.set("k", "v", 0);
    expect(await store.get("k")).toBeUndefined();
    await store.set("k", "v", -1);
    expect(await store.get("k")).toBeUndefined();
  });

  it("gives a lock to one holder at a time, released only with its token", async () => {
    const token = await store.acquireLock("job", 10_000);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.isLocked("job")).toBe(true);
    expect(await admin.get(`${prefix}lock:job`)).toBe(token);
    expect(await store.acquireLock("job", 10_000)).toBeUndefined();
    // Locks and entries do not share keys.
    expect(await store.get("job")).toBeUndefined();

    await store.releaseLock("job", "not-the-token");
    expect(await store.isLocked("job")).toBe(true);
    await store.releaseLock("job", token ?? "");
    expect(await store.isLocked("job")).toBe(false);

    const again = await store.acquireLock("job", 10_000);
    expect(again).toBeDefined();
    expect(again).not.toBe(token);
    await store.releaseLock("job", again ?? "");
    // Releasing a lock no one holds is fine.
    await store.releaseLock("job", again ?? "");
  });

  it("lets a lock expire after its TTL, and then a late release frees no one else's", async () => {
    const first = await store.acquireLock("expiring", 50);
    expect(first).toBeDefined();
    await sleep(120);
    expect(await store.isLocked("expiring")).toBe(false);
    const second = await store.acquireLock("expiring", 10_000);
    expect(second).toBeDefined();
    await store.releaseLock("expiring", first ?? "");
    expect(await store.isLocked("expiring")).toBe(true);
    await store.releaseLock("expiring", second ?? "");
  });

  it("refuses a lock that would never expire", async () => {
    await expect(store.acquireLock("forever", 0)).rejects.toThrow(/lock TTL must be a positive, finite number/);
    await expect(store.acquireLock("forever", Number.POSITIVE_INFINITY)).rejects.toThrow(RangeError);
    expect(await store.isLocked("forever")).toBe(false);
  });

  it("uses a client it was given, and leaves it open on close()", async () => {
    const client = new Redis(SHARED_REDIS_URL);
    try {
      const borrowed = redisStore({ client, prefix });
      await borrowed.set("borrowed", "yes", 60_000);
      expect(await store.get("borrowed")).toBe("yes");
      expect(await borrowed.isLocked("borrowed")).toBe(false);
      await borrowed.close();
      expect(client.status).toBe("ready");
      expect(await client.ping()).toBe("PONG");
      expect(await borrowed.get("borrowed")).toBe("yes");
    } finally {
      await client.quit();
    }
  });

  it("closes its own client, after which operations reject", async () => {
    const own = redisStore({ url: SHARED_REDIS_URL, prefix });
    await own.set("own", "v", 60_000);
    await own.close();
    await own.close();
    const { error } = await rejection(() => own.get("own"));
    expect(error.message).toBe("redis store: GET failed: the store is closed");
  });
});

describe("redisStore configuration", () => {
  it("wants exactly one of url and client, and a positive bound", () => {
    expect(() => redisStore({})).toThrow(/give `url`/);
    expect(() => redisStore({ url: "" })).toThrow(/give `url`/);
    const client = new Redis({ lazyConnect: true });
    expect(() => redisStore({ url: "redis://127.0.0.1:6379", client })).toThrow(/not both/);
    expect(() => redisStore({ client, operationTimeoutMs: 0 })).toThrow(/operationTimeoutMs must be a positive number/);
    client.disconnect();
  });
});

describe("redisStore while Redis is unreachable", () => {
  let closedPort: number;
  let checkConsole: () => void;
  beforeAll(async () => {
    closedPort = await freePort();
  });
  afterEach(() => checkConsole());

  it("rejects every operation within the bound when nothing listens, and closes", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    const store = redisStore({ url: `redis://127.0.0.1:${String(closedPort)}`, operationTimeoutMs: BOUND_MS });
    // The first operations wait for the first connection attempt; its refusal ends the wait.
    await expectAllRejectWithinBound(store);
    await sleep(250); // a few reconnection attempts
    await expectAllRejectWithinBound(store);
    await store.close();
  });

  it("raises nothing when unused, however long Redis stays unreachable", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    const store = redisStore({ url: `redis://127.0.0.1:${String(closedPort)}` });
    await sleep(150);
    await store.close();
  });

  it("times out every operation when Redis accepts connections but never answers", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    const blackhole = await silentServer();
    try {
      const store = redisStore({ url: `redis://127.0.0.1:${String(blackhole.port)}`, operationTimeoutMs: BOUND_MS });
      const { error, ms } = await rejection(() => store.get("k"));
      expect(error.message).toBe(`redis store: GET timed out after ${String(BOUND_MS)} ms`);
      expect(ms).toBeGreaterThanOrEqual(BOUND_MS - 5);
      await expectAllRejectWithinBound(store);
      await store.close();
    } finally {
      await blackhole.close();
    }
  });

  it("never shows the URL's password", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    const password = "s3cret-Passw0rd";
    const store = redisStore({ url: `redis://user:${password}@127.0.0.1:${String(closedPort)}/0` });
    for (const [, operation] of everyOperation(store)) {
      const { error } = await rejection(operation);
      expect(inspect(error, { showHidden: true, depth: 10 })).not.toContain(password);
    }
    await store.close();
  });
});

describe("redisStore across a Redis restart", () => {
  let server: RedisServer;
  let store: RedisStore;
  let checkConsole: () => void;
  beforeAll(async () => {
    server = await startRedisServer();
    store = redisStore({ url: server.url, operationTimeoutMs: BOUND_MS });
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });
  afterEach(() => checkConsole());

  it("times out a command Redis holds past the bound, and ignores its late answer", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    await store.set("paused", "v", 60_000);
    const admin = new Redis(server.url);
    try {
      await admin.call("CLIENT", "PAUSE", "300", "ALL");
      const { error, ms } = await rejection(() => store.get("paused"));
      expect(error.message).toBe(`redis store: GET timed out after ${String(BOUND_MS)} ms`);
      expect(ms).toBeLessThan(BOUND_MS + SLACK_MS);
      await sleep(300); // the pause ends; the late reply arrives and is dropped
      expect(await store.get("paused")).toBe("v");
    } finally {
      await admin.quit();
    }
  });

  it("rejects within the bound while Redis is down, and works again once it is back", async () => {
    checkConsole = watchForUnhandledErrorEvents();
    await store.set("k", "before", 60_000);
    expect(await store.get("k")).toBe("before");

    await server.stop();
    for (let i = 0; i < 3; i++) {
      await expectAllRejectWithinBound(store);
      await sleep(100);
    }

    await server.restart();
    const restarted = performance.now();
    await eventually(async () => {
      await store.set("k", "after", 60_000);
    }, 5_000);
    expect(performance.now() - restarted).toBeLessThan(3_000);
    // The restarted server is empty: what was cached before is gone, what is set now is there.
    expect(await store.get("k")).toBe("after");
    const token = await store.acquireLock("k", 1_000);
    expect(token).toBeDefined();
    await store.releaseLock("k", token ?? "");
  });
});

/** Retries `attempt` until it resolves, for at most `withinMs`. */
async function eventually(attempt: () => Promise<void>, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

/** A TCP server that accepts connections and never writes a byte: a hung Redis. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function canRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
