/**
 * Options of {@link circuitBreaker}. Every one is optional; an unknown key, or a value out of its
 * range, is a `ConfigError` when `circuitBreaker()` is called.
 *
 * A circuit is kept per target: provider, model and, unless `perKey` is `false`, the key of the
 * provider's pool. It opens when either rule says so: `failureThreshold` failures in a row, or a
 * `failureRate` of the attempts in `windowMs`.
 *
 * @example
 * ```ts
 * circuitBreaker({ failureThreshold: 5, windowMs: 60_000, cooldownMs: 30_000 });
 * // A flapping target too: open when half of at least 20 attempts in a minute failed.
 * circuitBreaker({ failureRate: 0.5, minimumRequests: 20 });
 * ```
 */
export interface CircuitBreakerOptions {
  /**
   * Opens the circuit after this many failures in a row (no success between them), all within
   * `windowMs`: a failure older than the window no longer counts. A run rather than a count, so
   * that a busy, healthy target with its odd 500 never opens. `Infinity` leaves opening to
   * `failureRate` alone.
   * @default 5
   */
  readonly failureThreshold?: number;
  /**
   * Also opens the circuit when at least this share (above 0, up to 1) of the attempts counted in
   * `windowMs` failed, once there are `minimumRequests` of them. For a target that fails often
   * without failing `failureThreshold` times in a row.
   * @default undefined (off)
   * @example
   * ```ts
   * circuitBreaker({ failureRate: 0.5, minimumRequests: 20, windowMs: 60_000 })
   * ```
   */
  readonly failureRate?: number;
  /**
   * How many counted attempts `windowMs` must hold before `failureRate` may open the circuit, so
   * that 1 failure out of 2 never does. Only used with `failureRate`.
   * @default 20
   */
  readonly minimumRequests?: number;
  /**
   * The sliding window, in milliseconds, of both rules. For `failureRate` it is counted in ten
   * slices: an attempt stops counting between 0.9 and 1 window after it ended.
   * @default 60_000
   */
  readonly windowMs?: number;
  /**
   * How long, in milliseconds, an open circuit refuses every attempt before it lets a probe
   * through (half-open).
   * @default 30_000
   */
  readonly cooldownMs?: number;
  /**
   * How many attempts a half-open circuit lets through at a time, as probes. The first probe that
   * succeeds closes the circuit; the first that fails opens it for another `cooldownMs`. Attempts
   * beyond it fail with `CircuitOpenError` while the probes run.
   * @default 1
   */
  readonly halfOpenProbes?: number;
  /**
   * Whether each key of a provider's pool has a circuit of its own. With `false`, all keys share
   * one circuit per provider and model (events then carry `keyIndex: -1`).
   * @default true (a key whose project is throttled or degraded does not shut out the others)
   */
  readonly perKey?: boolean;
  /**
   * Whether an attempt's error counts as a failure of its target. Never asked about the caller's
   * cancellation (an `AbortError`, or the caller's own deadline), which never counts. An error
   * that is not a failure counts for nothing: it neither opens nor closes a circuit. A hook that
   * throws counts the error as no failure.
   * @default {@link isCircuitFailure}: retryable provider errors (5xx, overload, connection
   *   failures, timeouts, broken streams) but not rate limits (429)
   * @example
   * ```ts
   * import { circuitBreaker, isCircuitFailure } from "proxyless";
   *
   * // Count 429s too, for a provider whose rate limits mean it is struggling.
   * circuitBreaker({ isFailure: (error) => isCircuitFailure(error) || (error as { status?: number }).status === 429 });
   * ```
   */
  readonly isFailure?: (error: unknown) => boolean;
  /** The middleware's name in errors, traces and `circuit` events (`event.breaker`). @default "circuit-breaker" */
  readonly name?: string;
}
