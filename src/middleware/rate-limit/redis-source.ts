import { loadRedisClass } from "../../stores/redis/own-client.js";
import type { RedisPermitsOptions } from "../../stores/redis/redis-permits.js";
import type { Demand, Grant, PermitSource } from "./permits.js";

/**
 * The Redis permit source, loaded on first use: ioredis and Bottleneck's clustering stay out of
 * applications (and runtimes) that limit in-process only.
 */
export function redisSource(options: RedisPermitsOptions): PermitSource {
  let loaded: Promise<PermitSource> | undefined;
  let source: PermitSource | undefined;
  const load = (): Promise<PermitSource> =>
    (loaded ??= Promise.all([import("../../stores/redis/redis-permits.js"), options.client ? undefined : loadRedisClass()]).then(
      ([{ RedisPermits }, redisClass]) => (source = new RedisPermits(redisClass ? { ...options, redisClass } : options)),
    ));
  return {
    async acquire(demand: Demand): Promise<Grant> {
      return (source ?? (await load())).acquire(demand);
    },
    async pausedUntil(target: string): Promise<number> {
      return (await load()).pausedUntil?.(target) ?? 0;
    },
    pause(target: string, until: number): void {
      source?.pause?.(target, until);
    },
    takeWarning(): string | undefined {
      return source?.takeWarning?.();
    },
    async close(): Promise<void> {
      if (loaded) await (await loaded).close();
    },
  };
}
