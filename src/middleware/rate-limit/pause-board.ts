import type { RateLimitInfo, RateLimitWindow } from "../../core/types/rate-limit-info.js";

/**
 * Until when each target is held (epoch milliseconds): after a 429 with a retry-after, or headers
 * that say nothing is left until a reset. A pause only ever grows: a shorter one arriving later
 * never cuts a longer one short.
 */
export class PauseBoard {
  readonly #until = new Map<string, number>();

  /** The end of the pause in force for a target, or 0. */
  until(target: string, now = Date.now()): number {
    const until = this.#until.get(target);
    if (until === undefined) return 0;
    if (until > now) return until;
    this.#until.delete(target);
    return 0;
  }

  /** Holds a target until `until`, unless it is held longer already. Returns whether this lengthened it. */
  extend(target: string, until: number): boolean {
    if (until <= (this.#until.get(target) ?? 0)) return false;
    this.#until.set(target, until);
    return true;
  }
}

/** When the provider's headers say a window has nothing left, the moment it resets; otherwise 0. */
export function exhaustedUntil(info: RateLimitInfo | undefined, now: number): number {
  if (!info) return 0;
  return Math.max(resetOf(info.requests, now), resetOf(info.tokens, now), resetOf(info.inputTokens, now), resetOf(info.outputTokens, now));
}

function resetOf(window: RateLimitWindow | undefined, now: number): number {
  return window?.remaining === 0 && window.resetAt !== undefined && window.resetAt > now ? window.resetAt : 0;
}
