/** The numbers that shape the waits between tries. */
export interface BackoffPolicy {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly jitter: number;
}

/**
 * The computed wait before retry `retry` (1 for the first): `minDelayMs · factor^(retry-1)`,
 * capped at `maxDelayMs`, with up to `jitter` of it taken off at random, rounded to whole
 * milliseconds. Taking off rather than adding keeps `maxDelayMs` a true bound, as the SDKs do.
 *
 * @param random a number in [0, 1), `Math.random` unless a test pins it.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  // 0 · Infinity is NaN: a zero minimum stays zero however large the factor grows.
  const grown = policy.minDelayMs === 0 ? 0 : policy.minDelayMs * policy.factor ** (retry - 1);
  const base = Math.min(policy.maxDelayMs, grown);
  return Math.round(base * (1 - policy.jitter * random()));
}

/**
 * The wait before a retry, or `undefined` when none should be made because the provider asked
 * for a longer wait than `maxDelayMs` (a Gemini `RetryInfo` of minutes is a quota in all but
 * name: better fail now and let a fallback try elsewhere).
 *
 * A `retryAfterMs` within bounds is a floor: the wait is the longer of it and the backoff, so a
 * provider's "not before" is never cut short by jitter.
 */
export function retryDelay(retryAfterMs: number | undefined, retry: number, policy: BackoffPolicy, random?: () => number): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) return undefined;
  const backoff = backoffDelay(retry, policy, random);
  // A value no provider sends (negative, NaN) is no floor at all.
  return retryAfterMs !== undefined && retryAfterMs >= 0 ? Math.max(backoff, Math.ceil(retryAfterMs)) : backoff;
}
