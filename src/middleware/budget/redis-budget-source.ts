import type { BudgetStore } from "../../stores/budget/budget-store.js";
import type { RedisBudgetStoreOptions } from "../../stores/budget/redis-budget-store.js";
import { loadRedisClass } from "../../stores/redis/own-client.js";

/**
 * The Redis budget store, loaded on first use: ioredis stays out of applications (and runtimes)
 * whose budgets are in-process only, as the rate limiter's Redis permits do.
 */
export function redisBudgetSource(options: RedisBudgetStoreOptions): BudgetStore {
  let loaded: Promise<BudgetStore> | undefined;
  const load = (): Promise<BudgetStore> =>
    (loaded ??= Promise.all([import("../../stores/budget/redis-budget-store.js"), options.client ? undefined : loadRedisClass()]).then(
      ([{ RedisBudgetStore }, redisClass]) => new RedisBudgetStore(redisClass ? { ...options, redisClass } : options),
    ));
  return {
    reserve: async (account, id, amount, limit) => (await load()).reserve(account, id, amount, limit),
    settle: async (account, id, amount, charge) => (await load()).settle(account, id, amount, charge),
    figures: async (account) => (await load()).figures(account),
    async close(): Promise<void> {
      if (loaded) await (await loaded).close();
    },
  };
}
