import type { Redis } from "ioredis";
import { ConfigError } from "../../core/errors/config-error.js";
import { importByName, isModuleNotFound } from "../../core/import-by-name.js";
import type { Gate } from "./run-command.js";

/** Longest wait for a TCP connection to open before ioredis gives up and tries again. */
const CONNECT_TIMEOUT_MS = 1_000;
/** Reconnection backoff: 100 ms more per failed attempt, capped so recovery is noticed soon. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/** ioredis's client class: handed in, so that only `proxyless/redis` imports ioredis by its literal name. */
export type RedisClass = typeof Redis;

let redisClass: Promise<RedisClass> | undefined;

/**
 * ioredis's client class, imported by name on first use: the Redis permits and budgets are reached
 * from the main entry point, and a bundler must not try to resolve ioredis for apps that never use
 * Redis.
 *
 * @throws ConfigError saying what to install when ioredis is not.
 */
export function loadRedisClass(): Promise<RedisClass> {
  redisClass ??= importByName("ioredis").then(
    (module) => (module as { Redis: RedisClass }).Redis,
    (error: unknown) => {
      redisClass = undefined;
      if (isModuleNotFound(error)) {
        throw new ConfigError('Redis needs the "ioredis" package, which is not installed: run `npm install ioredis`', { cause: error, path: "redis" });
      }
      throw error;
    },
  );
  return redisClass;
}

/** The class a store was given to connect with; a store made from a URL without one is a bug in proxyless. */
export function classFor(given: RedisClass | undefined): RedisClass {
  if (!given) throw new Error("a Redis store made from a url needs ioredis's class: load it with loadRedisClass() first");
  return given;
}

/** A client the store created from a URL, and therefore closes. */
export interface OwnClient {
  readonly client: Redis;
  readonly gate: Gate;
  /** The URL's password (raw and decoded), never to appear in a message. */
  readonly secrets: readonly string[];
  close(timeoutMs: number): Promise<void>;
}

/**
 * A client that fails fast while Redis is down and comes back by itself once it is up: no offline
 * queue (a command while disconnected rejects at once rather than waiting for a reconnection), no
 * retries of a command, no resending of commands cut off by a dropped connection (their callers
 * have moved on), and reconnection attempts in the background forever, with a capped backoff.
 */
export function connectOwnClient(url: string, RedisClient: RedisClass): OwnClient {
  const client = new RedisClient(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  // Connection errors come again on every reconnection attempt; the operations that fail meanwhile
  // report them. Without a listener ioredis prints each one as an "Unhandled error event".
  client.on("error", ignore);

  // Without an offline queue, a command sent before the first connection is up would fail, so the
  // first operations of a new store wait for it (within their timeout). Once the first attempt has
  // ended, either way, operations no longer wait: while Redis is down they fail at once.
  let firstConnection: Promise<void> | undefined = new Promise<void>((resolve, reject) => {
    const onReady = (): void => {
      done();
      resolve();
    };
    const onClose = (): void => {
      done();
      reject(new Error("could not connect to Redis"));
    };
    const done = (): void => {
      firstConnection = undefined;
      client.off("ready", onReady);
      client.off("close", onClose);
    };
    client.once("ready", onReady);
    client.once("close", onClose);
  });
  // Nobody may be waiting when the first attempt fails.
  firstConnection.catch(ignore);

  let closing: Promise<void> | undefined;
  const gate: Gate = () => {
    if (closing) return Promise.reject(new Error("the store is closed"));
    if (client.status === "ready") return undefined;
    return firstConnection ?? Promise.reject(new Error(`not connected to Redis (${client.status})`));
  };
  const close = (timeoutMs: number): Promise<void> => {
    closing ??= quit(client, timeoutMs);
    return closing;
  };
  return { client, gate, secrets: passwordOf(url), close };
}

/** QUIT lets Redis finish what it was sent; when it is down or slow, the socket is simply dropped. */
async function quit(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status !== "ready") return client.disconnect();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([client.quit(), timedOut]);
  } catch {
    // Falls through to disconnect: the connection is going either way.
  } finally {
    clearTimeout(timer);
  }
  client.disconnect();
}

function passwordOf(url: string): string[] {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return [];
  }
  if (!password) return [];
  try {
    return [password, decodeURIComponent(password)];
  } catch {
    return [password];
  }
}

function ignore(): void {
  // Deliberately empty.
}
