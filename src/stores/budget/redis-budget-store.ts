import type { Cluster, Redis } from "ioredis";
import { classFor, connectOwnClient, type RedisClass } from "../redis/own-client.js";
import { commandRunner, type RunCommand } from "../redis/run-command.js";
import { FIGURES, RESERVE, SETTLE, type LuaScript } from "./budget-scripts.js";
import type { BudgetAccount, BudgetFigures, BudgetStore, ReserveResult } from "./budget-store.js";

/** How a {@link RedisBudgetStore} reaches Redis: `url` or `client`. */
export interface RedisBudgetStoreOptions {
  readonly url?: string;
  readonly client?: Redis | Cluster;
  readonly prefix: string;
  /** The longest an operation (connecting first, when it must) may take before it rejects. */
  readonly operationTimeoutMs: number;
  /** How long a reservation lives before Redis counts it as spent (its process may have died). */
  readonly leaseMs: number;
  /** ioredis's client class, for a connection made from `url` ({@link loadRedisClass}). */
  readonly redisClass?: RedisClass;
}

/**
 * A {@link BudgetStore} in Redis: each operation is one Lua script (sent with EVALSHA, and with
 * EVAL the first time a Redis lacks it), so reservations from any number of processes are atomic
 * on their account. The keys of an account share a hash tag, so a Redis Cluster keeps them on one
 * node. An account of a window lives until the window has ended and every lease in it could have.
 *
 * Every operation settles within `operationTimeoutMs`; on a timeout or any Redis error it rejects,
 * and the budget middleware decides (`onUnavailable`). A reservation whose settle never arrives
 * expires after `leaseMs`, counted as spent in full.
 */
export class RedisBudgetStore implements BudgetStore {
  readonly #options: RedisBudgetStoreOptions;
  readonly #client: Redis | Cluster;
  readonly #run: RunCommand;
  readonly #close: (timeoutMs: number) => Promise<void>;

  constructor(options: RedisBudgetStoreOptions) {
    this.#options = options;
    if (options.client) {
      this.#client = options.client;
      this.#run = commandRunner({ timeoutMs: options.operationTimeoutMs, gate: () => undefined, secrets: [] });
      // The client is the user's, to close.
      this.#close = () => Promise.resolve();
    } else {
      const own = connectOwnClient(options.url ?? "redis://127.0.0.1:6379", classFor(options.redisClass));
      this.#client = own.client;
      this.#run = commandRunner({ timeoutMs: options.operationTimeoutMs, gate: own.gate, secrets: own.secrets });
      this.#close = (timeoutMs) => own.close(timeoutMs);
    }
  }

  async reserve(account: BudgetAccount, id: string, amount: number, limit: number): Promise<ReserveResult> {
    const expireAt = account.windowEnd === Infinity ? 0 : account.windowEnd + this.#options.leaseMs;
    const args = [id, whole(amount), whole(limit), whole(this.#options.leaseMs), whole(expireAt)];
    // A reservation taken after its caller gave up waiting would hold room until its lease ran out,
    // and then count as spent: it is given back at once instead.
    const late = (reply: unknown): void => {
      if ((reply as number[])[0] === 1) this.settle(account, id, amount, 0).catch(() => undefined);
    };
    const [granted, spent, reserved] = (await this.#eval("reserve", RESERVE, account, args, late)) as [number, number, number];
    return { granted: granted === 1, spent, reserved };
  }

  async settle(account: BudgetAccount, id: string, amount: number, charge: number): Promise<void> {
    await this.#eval("settle", SETTLE, account, [id, whole(amount), whole(charge)]);
  }

  async figures(account: BudgetAccount): Promise<BudgetFigures> {
    const [spent, reserved] = (await this.#eval("figures", FIGURES, account, [])) as [number, number];
    return { spent, reserved };
  }

  close(): Promise<void> {
    return this.#close(this.#options.operationTimeoutMs);
  }

  #eval(op: string, script: LuaScript, account: BudgetAccount, args: readonly string[], late?: (reply: unknown) => void): Promise<unknown> {
    // The braces are a hash tag: both keys of an account on one Cluster node, as a script needs.
    const hash = `${this.#options.prefix}:budget:{${encodeURIComponent(account.budget)}:${account.scope}:${String(account.windowStart)}}`;
    const keys = [hash, `${hash}:held`];
    return this.#run(`budget ${op}`, async () => {
      try {
        return await this.#client.evalsha(script.sha, keys.length, ...keys, ...args);
      } catch (error) {
        // A Redis that restarted (or never saw it) lacks the script: sent once in full, cached from then on.
        if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
        return this.#client.eval(script.source, keys.length, ...keys, ...args);
      }
    }, late);
  }
}

/** A whole number as Redis reads one (never `1e+21`). */
function whole(n: number): string {
  return BigInt(Math.round(n)).toString();
}
