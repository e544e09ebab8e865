/** Options of {@link stats}. Every one is optional; an unknown key is a `ConfigError`. */
export interface StatsOptions {
  /**
   * How many targets (provider and model) are kept at most. Past it, the target idle longest is
   * dropped (its calls stay in the totals, and `evictedTargets` counts it), so that a service
   * calling many models never grows without bound.
   * @default 256
   */
  readonly maxTargets?: number;
  /**
   * How many recent samples the latency and time-to-first-token percentiles are of, per target
   * and for the totals: a ring of the last `windowSize` calls.
   * @default 1024
   */
  readonly windowSize?: number;
  /** The middleware's name in errors and traces. @default "stats" */
  readonly name?: string;
}
