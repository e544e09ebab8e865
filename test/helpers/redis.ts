import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";

/** The Redis the integration tests share (a local one, run by the environment). */
export const SHARED_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A throwaway `redis-server` of one test file, which a test may stop and start again. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL, as a crash would) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port; resolves once it answers PING. */
  restart(): Promise<void>;
}

const START_TIMEOUT_MS = 5_000;

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("freePort: no TCP address");
  return address.port;
}

/**
 * Starts `redis-server` (from PATH) on a free port, without persistence, and resolves once it
 * answers PING. The caller stops it (`afterAll(() => server.stop())`); a server still running when
 * the test process exits is killed then.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port);
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running) await kill(running);
  };
  const restart = async (): Promise<void> => {
    await stop();
    child = await spawnRedis(port);
  };
  return { url: `redis://127.0.0.1:${String(port)}`, port, stop, restart };
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

async function spawnRedis(port: number): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmpdir()];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer): void => {
    // Enough to explain a failed start; the rest is drained so the pipe never blocks the server.
    if (output.length < 4_000) output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const leftover of running) leftover.kill("SIGKILL");
    });
  }
  try {
    await waitForPong(port, child);
  } catch (error) {
    await kill(child);
    throw new Error(`redis-server on port ${String(port)} did not start: ${String(error)}\n${output}`, { cause: error });
  }
  return child;
}

async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("it exited");
    if (await answersPing(port)) return;
    if (Date.now() > deadline) throw new Error(`no PONG within ${String(START_TIMEOUT_MS)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a Redis on `port` answers PING (a raw socket: no client, no reconnection to undo). */
export function answersPing(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = "";
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) finish(reply.startsWith("+PONG"));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** Deletes the shared Redis's keys that match any of these patterns (a test file's leftovers). */
export async function deleteSharedKeys(...patterns: string[]): Promise<void> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(SHARED_REDIS_URL);
  try {
    for (const pattern of patterns) {
      const keys = await redis.keys(pattern);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}
