import type { EmulatedRateLimit } from "./emulator-options.js";
import type { EmulatedProvider } from "./scenario.js";

const windowMs = 60_000;

/** What the headers report when no limit is configured: high enough never to matter. */
const defaultLimits = { requestsPerMinute: 10_000, tokensPerMinute: 2_000_000 } as const;

/** One limit's state after a request, as rate-limit headers report it. */
export interface LimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Until the window is empty again (the headers' "reset to its initial state"). */
  readonly resetMs: number;
  /** The same moment as a `now()` timestamp. */
  readonly resetAt: number;
}

/** Every limit of one provider after a request: what rate-limit headers are made from. */
export interface RateLimitSnapshot {
  readonly requests: LimitState;
  /** Input and output together. */
  readonly tokens: LimitState;
  readonly inputTokens: LimitState;
  readonly outputTokens: LimitState;
}

/** Why a request was refused. */
export interface RateLimitExceeded {
  readonly kind: "requests" | "tokens";
  readonly limit: number;
  readonly used: number;
  readonly requested: number;
  /** Until enough of the window has expired for this request to fit. */
  readonly retryAfterMs: number;
}

/** The limiter's verdict on one request, with the state to report either way. */
export type Admission =
  | { readonly ok: true; readonly snapshot: RateLimitSnapshot }
  | { readonly ok: false; readonly snapshot: RateLimitSnapshot; readonly exceeded: RateLimitExceeded };

interface Entry {
  readonly at: number;
  readonly input: number;
  readonly output: number;
}

/**
 * Per-provider sliding 60 s windows. Every admitted request counts; refused ones do not, as with
 * the real APIs. Only configured limits refuse; the defaults only feed the headers.
 */
export class RateLimiter {
  readonly #windows = new Map<EmulatedProvider, Entry[]>();
  readonly #limits: Partial<Record<EmulatedProvider, EmulatedRateLimit>>;
  readonly #now: () => number;

  constructor(limits: Partial<Record<EmulatedProvider, EmulatedRateLimit>>, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts the request if it fits in the configured limits. */
  admit(provider: EmulatedProvider, cost: { readonly input: number; readonly output: number }): Admission {
    const now = this.#now();
    const entries = (this.#windows.get(provider) ?? []).filter((entry) => entry.at > now - windowMs);
    this.#windows.set(provider, entries);
    const exceeded = this.#exceeded(provider, entries, cost.input + cost.output, now);
    if (exceeded) return { ok: false, snapshot: this.#snapshot(provider, entries, now), exceeded };
    entries.push({ at: now, ...cost });
    return { ok: true, snapshot: this.#snapshot(provider, entries, now) };
  }

  /** Empties every window. */
  clear(): void {
    this.#windows.clear();
  }

  #exceeded(provider: EmulatedProvider, entries: readonly Entry[], tokens: number, now: number): RateLimitExceeded | undefined {
    const { requestsPerMinute, tokensPerMinute } = this.#limits[provider] ?? {};
    if (requestsPerMinute !== undefined && entries.length + 1 > requestsPerMinute) {
      const freeing = entries[Math.max(0, entries.length - requestsPerMinute)];
      const retryAfterMs = freeing ? freeing.at + windowMs - now : windowMs;
      return { kind: "requests", limit: requestsPerMinute, used: entries.length, requested: 1, retryAfterMs };
    }
    const used = sum(entries, (entry) => entry.input + entry.output);
    if (tokensPerMinute !== undefined && used + tokens > tokensPerMinute) {
      return { kind: "tokens", limit: tokensPerMinute, used, requested: tokens, retryAfterMs: untilFits(entries, used + tokens - tokensPerMinute, now) };
    }
    return undefined;
  }

  #snapshot(provider: EmulatedProvider, entries: readonly Entry[], now: number): RateLimitSnapshot {
    const limits = { ...defaultLimits, ...this.#limits[provider] };
    const newest = entries[entries.length - 1];
    const resetMs = newest ? newest.at + windowMs - now : 0;
    const state = (limit: number, used: number): LimitState => ({ limit, remaining: Math.max(0, limit - used), resetMs, resetAt: now + resetMs });
    return {
      requests: state(limits.requestsPerMinute, entries.length),
      tokens: state(limits.tokensPerMinute, sum(entries, (entry) => entry.input + entry.output)),
      inputTokens: state(limits.tokensPerMinute, sum(entries, (entry) => entry.input)),
      outputTokens: state(limits.tokensPerMinute, sum(entries, (entry) => entry.output)),
    };
  }
}

/** Time until the oldest entries holding `excess` tokens have left the window (a full window if never). */
function untilFits(entries: readonly Entry[], excess: number, now: number): number {
  let freed = 0;
  for (const entry of entries) {
    freed += entry.input + entry.output;
    if (freed >= excess) return entry.at + windowMs - now;
  }
  return windowMs;
}

function sum(entries: readonly Entry[], pick: (entry: Entry) => number): number {
  return entries.reduce((total, entry) => total + pick(entry), 0);
}
