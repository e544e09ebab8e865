import Bottleneck from "bottleneck";
import type { Redis } from "ioredis";
import { LocalPermits } from "../../middleware/rate-limit/local-permits.js";
import { UNAVAILABLE, type Demand, type Grant, type PermitSource } from "../../middleware/rate-limit/permits.js";
import { classFor, connectOwnClient, type OwnClient, type RedisClass } from "./own-client.js";

/** How {@link RedisPermits} reaches Redis and what it does when it cannot. */
export interface RedisPermitsOptions {
  readonly url?: string;
  readonly client?: Redis;
  readonly prefix: string;
  readonly onUnavailable: "open" | "closed";
  readonly connectTimeoutMs: number;
  readonly leaseMs: number;
  /** ioredis's client class, for a connection made from `url` ({@link loadRedisClass}). */
  readonly redisClass?: RedisClass;
}


/** A permit held in a Bottleneck limiter: a job that runs until it is released or expires. */
interface Held {
  release(): void;
  /** Makes the job lighter by `by`, in Redis, atomically; room it frees goes to whoever waits. */
  shrink(by: number): Promise<void>;
}

/**
 * Takes weight off a running job in Bottleneck's own Redis records (its weight, the limiter's
 * running total, its client's share) and tells every process there is room. Bottleneck has no call
 * for it; these are the records its own scripts keep (`register.lua`, `free.lua`, Bottleneck
 * 2.19.5, pinned), so that freeing the job later takes off exactly what is left.
 */
const SHRINK_SCRIPT = `
local weight = tonumber(redis.call('hget', KEYS[1], ARGV[1]))
if not weight then return 0 end
local by = math.min(tonumber(ARGV[2]), weight)
if by <= 0 then return 0 end
redis.call('hset', KEYS[1], ARGV[1], weight - by)
redis.call('hincrby', KEYS[2], 'running', -by)
redis.call('zincrby', KEYS[3], -by, ARGV[3])
redis.call('publish', ARGV[4], 'capacity:')
return by`;

/** The limiters of one rule's budget, shared by every process. */
interface ClusterLane {
  readonly concurrency?: Bottleneck;
  readonly requests?: Bottleneck;
  readonly tokens?: Bottleneck;
}

// Sets a pause unless a later one is in force; returns the pause now in force.
const PAUSE_SCRIPT = `
local current = tonumber(redis.call('get', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return wanted
end
return current`;

/**
 * Permits from Bottleneck's Redis clustering, so that any number of processes share one budget.
 * Each permit is a Bottleneck job of the permit's weight that runs while the permit is held: a
 * window permit until `windowMs` after its request was sent (a sliding window, exact), a
 * concurrency permit until the attempt ends. Every job carries Bottleneck's `expiration`, so that a
 * process that dies holding permits frees them after `leaseMs`.
 *
 * While Redis cannot be reached, permits come from this process alone (`onUnavailable: "open"`) or
 * are refused (`"closed"`).
 */
export class RedisPermits implements PermitSource {
  readonly #options: RedisPermitsOptions;
  readonly #client: Redis;
  readonly #own?: OwnClient;
  readonly #fallback = new LocalPermits();
  readonly #lanes = new Map<string, Promise<ClusterLane>>();
  #connection?: Bottleneck.IORedisConnection;
  #warning: string | undefined;
  #warnedAt = -Infinity;
  #closed = false;
  /** Whether a connection has been made or given up on: from then on, a Redis that is down fails at once. */
  #tried = false;
  readonly #settled = new WeakSet<Promise<ClusterLane>>();

  constructor(options: RedisPermitsOptions) {
    this.#options = options;
    if (options.client) {
      this.#client = options.client;
    } else {
      this.#own = connectOwnClient(options.url ?? "redis://127.0.0.1:6379", classFor(options.redisClass));
      this.#client = this.#own.client;
    }
  }

  async acquire(demand: Demand): Promise<Grant> {
    let lane: ClusterLane;
    try {
      lane = await this.#laneOf(demand);
    } catch {
      return this.#unavailable(demand);
    }
    try {
      return await acquireFrom(lane, demand, this.#options.leaseMs);
    } catch (error) {
      if (isWaitEnd(error)) throw error;
      return this.#unavailable(demand);
    }
  }

  async pausedUntil(target: string): Promise<number> {
    if (this.#client.status !== "ready") return 0;
    try {
      const value = await withTimeout(this.#client.get(this.#pauseKey(target)), this.#options.connectTimeoutMs);
      return value === null ? 0 : Number(value);
    } catch {
      return 0;
    }
  }

  pause(target: string, until: number): void {
    if (this.#client.status !== "ready") return;
    const ttl = Math.max(1, Math.ceil(until - Date.now()));
    this.#client.eval(PAUSE_SCRIPT, 1, this.#pauseKey(target), String(Math.ceil(until)), String(ttl)).catch(ignore);
  }

  takeWarning(): string | undefined {
    const warning = this.#warning;
    this.#warning = undefined;
    return warning;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const lanes = await Promise.allSettled(this.#lanes.values());
    await Promise.allSettled(
      lanes.flatMap((settled) => (settled.status === "fulfilled" ? [settled.value.concurrency, settled.value.requests, settled.value.tokens] : [])).map((limiter) => Promise.resolve(limiter?.disconnect(false))),
    );
    if (this.#own) {
      this.#connection?.disconnect(false).catch(ignore);
      await this.#own.close(1_000);
    } else {
      // The client is the user's, to close; only the duplicate made for Bottleneck's pub/sub is ours.
      (this.#connection as unknown as { subscriber?: Redis } | undefined)?.subscriber?.disconnect();
    }
  }

  #pauseKey(target: string): string {
    return `${this.#options.prefix}:rl:pause:${target}`;
  }

  #unavailable(demand: Demand): Promise<Grant> {
    if (this.#options.onUnavailable === "closed") return Promise.reject(UNAVAILABLE);
    const now = performance.now();
    // Said once per 10 s, not on every call of a long outage.
    if (now - this.#warnedAt > 10_000) {
      this.#warnedAt = now;
      this.#warning = `rate limits could not reach Redis (${this.#client.status}): limiting this process alone until it answers again`;
    }
    return this.#fallback.acquire(demand);
  }

  #laneOf(demand: Demand): Promise<ClusterLane> {
    if (this.#closed) return Promise.reject(new Error("closed"));
    let lane = this.#lanes.get(demand.lane);
    // Once a first connection has been tried, a Redis that is down is not waited for.
    if (this.#client.status !== "ready" && this.#tried) return lane && !this.#settled.has(lane) ? lane : Promise.reject(new Error("not connected"));
    if (lane === undefined) {
      lane = withTimeout(this.#makeLane(demand), this.#options.connectTimeoutMs);
      this.#lanes.set(demand.lane, lane);
      // A lane that could not be made is made again by the next attempt.
      const made = lane;
      made.then(
        () => {
          this.#tried = true;
          this.#settled.add(made);
        },
        () => {
          this.#tried = true;
          this.#lanes.delete(demand.lane);
        },
      );
    }
    return lane;
  }

  async #makeLane(demand: Demand): Promise<ClusterLane> {
    const { rule } = demand;
    this.#connection ??= new Bottleneck.IORedisConnection({ client: this.#client, Redis: this.#client.constructor as never });
    const idleMs = this.#options.leaseMs + rule.windowMs + 60_000;
    const make = async (kind: string, max: number | undefined): Promise<Bottleneck | undefined> => {
      if (max === undefined) return undefined;
      const limiter = new Bottleneck({
        id: `${this.#options.prefix}:rl:${demand.lane}:${kind}`,
        datastore: "ioredis",
        connection: this.#connection,
        clearDatastore: false,
        maxConcurrent: max,
        timeout: idleMs,
      });
      limiter.on("error", ignore);
      await limiter.ready();
      // The settings in Redis are the first process's; a process with a changed rule makes it the rule for all.
      await Promise.resolve(limiter.updateSettings({ maxConcurrent: max }));
      return limiter;
    };
    const [concurrency, requests, tokens] = await Promise.all([make("concurrency", rule.concurrency), make("requests", rule.rpm), make("tokens", rule.tpm)]);
    return { ...(concurrency ? { concurrency } : {}), ...(requests ? { requests } : {}), ...(tokens ? { tokens } : {}) };
  }
}

/** The waiters' own ends (an abort, `maxWaitMs`), told apart from Redis failures. */
const waitEnds = new WeakSet<object>();

function isWaitEnd(error: unknown): boolean {
  return typeof error === "object" && error !== null && waitEnds.has(error);
}

/**
 * Beyond the window, how long a window permit counts: the time between being let in and reaching
 * the provider (a few milliseconds), with room to spare, so that the provider never counts a
 * request longer than the shared budget does.
 */
function marginOf(windowMs: number): number {
  return Math.min(1_000, Math.ceil(windowMs / 20));
}

/** Rounds of taking window permits again before an attempt goes with what it has. */
const RETAKE_ROUNDS = 3;

async function acquireFrom(lane: ClusterLane, demand: Demand, leaseMs: number): Promise<Grant> {
  const { rule } = demand;
  // A window permit ends by Bottleneck's own expiration, in Redis: it needs no timer here, and a
  // process that exits (or dies) right after sending still counts until the window has passed.
  const margin = marginOf(rule.windowMs);
  const windowHold = rule.windowMs + margin;
  let concurrency: Held | undefined;
  let requests: { readonly held: Held; readonly at: number } | undefined;
  let tokens: { readonly held: Held; readonly at: number } | undefined;
  const take = async (limiter: Bottleneck, weight: number): Promise<{ held: Held; at: number }> => ({
    held: await hold(limiter, weight, demand.priority, windowHold, demand.wait.ended),
    at: performance.now(),
  });
  try {
    if (lane.concurrency) concurrency = await hold(lane.concurrency, 1, demand.priority, leaseMs, demand.wait.ended);
    for (let round = 0; ; round++) {
      // The two windows are taken side by side: each is a few round trips to Redis, and one that
      // has to wait while the other is held is what the retake below is for, in either order.
      const [takenRequests, takenTokens] = await Promise.allSettled([
        lane.requests && !requests ? take(lane.requests, 1) : undefined,
        lane.tokens && demand.tokens > 0 && !tokens ? take(lane.tokens, demand.tokens) : undefined,
      ]);
      if (takenRequests.status === "fulfilled") requests ??= takenRequests.value;
      if (takenTokens.status === "fulfilled") tokens ??= takenTokens.value;
      if (takenRequests.status === "rejected") throw takenRequests.reason;
      if (takenTokens.status === "rejected") throw takenTokens.reason;
      // A window permit counts from when it was let in. One that then waited for another permit
      // longer than the margin would end before the provider's count of this request does: it is
      // given back and taken again, so that both windows start when the request goes.
      const now = performance.now();
      if (round === RETAKE_ROUNDS) break;
      const stale = (taken: { held: Held; at: number } | undefined): boolean => taken !== undefined && now - taken.at > margin / 2;
      const staleRequests = stale(requests);
      const staleTokens = stale(tokens);
      if (!staleRequests && !staleTokens) break;
      if (staleRequests) requests?.held.release();
      if (staleTokens) tokens?.held.release();
      if (staleRequests) requests = undefined;
      if (staleTokens) tokens = undefined;
    }
  } catch (error) {
    for (const held of [concurrency, requests?.held, tokens?.held]) held?.release();
    throw error;
  }
  const windowEnd = Math.min(requests?.at ?? Infinity, tokens?.at ?? Infinity) + windowHold;
  let done = false;
  return {
    sent(): void {
      // Counted from when it was let in, which is earlier: nothing to do.
    },
    finish(tokensUsed?: number): void {
      if (done) return;
      done = true;
      concurrency?.release();
      if (tokens && lane.tokens && tokensUsed !== undefined && tokensUsed !== demand.tokens) {
        settle(lane.tokens, tokens.held, demand.tokens, Math.min(tokensUsed, rule.tpm ?? tokensUsed), windowEnd);
      }
    },
    cancel(): void {
      if (done) return;
      done = true;
      for (const held of [concurrency, requests?.held, tokens?.held]) held?.release();
    },
  };
}

/**
 * Brings a token reservation to the real usage, for the rest of its window: more used is a second
 * job for the difference (first in this process's queue); less used makes the reservation's own
 * job lighter, in one Redis script, so the budget never counts less than was used, and waiting for
 * room never holds room.
 */
function settle(limiter: Bottleneck, reserved: Held, reservedTokens: number, used: number, windowEnd: number): void {
  const left = windowEnd - performance.now();
  if (left <= 0) return;
  if (used > reservedTokens) {
    hold(limiter, used - reservedTokens, 0, Math.ceil(left), new Promise<Error>(() => undefined)).catch(ignore);
    return;
  }
  reserved.shrink(reservedTokens - used).catch(ignore);
}

/**
 * Takes a permit: a job of `weight` that Bottleneck runs when there is room, and that runs until
 * released or until its `expiration` (counted in Redis, so a dead process's permits end too).
 */
function hold(limiter: Bottleneck, weight: number, priority: number, expiration: number, ended: Promise<Error>): Promise<Held> {
  return new Promise<Held>((resolve, reject) => {
    let state: "queued" | "held" | "gone" = "queued";
    let free!: () => void;
    const running = new Promise<void>((resolve) => (free = resolve));
    const id = `permit-${Math.random().toString(36).slice(2)}`;
    limiter
      .schedule({ weight, priority, expiration, id }, () => {
        if (state === "gone") return Promise.resolve();
        state = "held";
        const index = scheduledIndex(limiter, id);
        resolve({ release: free, shrink: (by) => (index === undefined ? Promise.resolve() : shrinkJob(limiter, index, by)) });
        return running;
      })
      .catch((error: unknown) => {
        // After it was held, a rejection is the job's expiration: the permit has simply ended.
        if (state !== "queued") return;
        state = "gone";
        reject(error instanceof Error ? error : new Error("Bottleneck failed"));
      });
    void ended.then((error) => {
      if (state !== "queued") return;
      state = "gone";
      waitEnds.add(error);
      reject(error);
    });
  });
}

/**
 * The running job's index in Bottleneck's records, and its local expiration timer let go of: the
 * expiration that matters is the one in Redis, and a timer of a window's length must not keep a
 * process alive after its last call.
 */
function scheduledIndex(limiter: Bottleneck, jobId: string): string | undefined {
  const scheduled = (limiter as unknown as BottleneckInternals)._scheduled;
  for (const [index, entry] of Object.entries(scheduled)) {
    if (entry.job.options.id !== jobId) continue;
    (entry.expiration as { unref?: () => void } | undefined)?.unref?.();
    return index;
  }
  return undefined;
}

/** Bottleneck's internals that {@link SHRINK_SCRIPT} needs: the running job's index, the client id, the connection. */
interface BottleneckInternals {
  readonly id: string;
  readonly _scheduled: Record<string, { readonly job: { readonly options: { readonly id: string } }; readonly expiration?: unknown }>;
  readonly _store: { readonly clientId: string; readonly clients: { readonly client: Redis } };
}

async function shrinkJob(limiter: Bottleneck, index: string, by: number): Promise<void> {
  if (by <= 0) return;
  const internals = limiter as unknown as BottleneckInternals;
  const base = `b_${internals.id}`;
  await internals._store.clients.client.eval(SHRINK_SCRIPT, 3, `${base}_job_weights`, `${base}_settings`, `${base}_client_running`, index, String(by), internals._store.clientId, base);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    (timer as { unref?: () => void }).unref?.();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function ignore(): void {
  // Deliberately empty: a failure here only makes the budget count longer, never shorter.
}
