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
 * One provider's window: its entries oldest first, from `head` on, and their sums kept as entries
 * come and go, so that a request costs the same however many the window holds (a benchmark sends
 * tens of thousands a minute).
 */
class Window {
  entries: Entry[] = [];
  head = 0;
  input = 0;
  output = 0;

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Drops what left the window by `now`. */
  prune(now: number): void {
    const { entries } = this;
    while (this.head < entries.length && (entries[this.head] as Entry).at <= now - windowMs) {
      const gone = entries[this.head++] as Entry;
      this.input -= gone.input;
      this.output -= gone.output;
    }
    // Compacted now and then, not on every request.
    if (this.head > 1024 && this.head * 2 > entries.length) {
      this.entries = entries.slice(this.head);
      this.head = 0;
    }
  }

  push(entry: Entry): void {
    this.entries.push(entry);
    this.input += entry.input;
    this.output += entry.output;
  }

  /** The entries in the window, oldest first. */
  live(): readonly Entry[] {
    return this.head === 0 ? this.entries : this.entries.slice(this.head);
  }
}

/**
 * Per-provider sliding 60 s windows. Every admitted request counts; refused ones do not, as with
 * the real APIs. Only configured limits refuse; the defaults only feed the headers.
 */
export class RateLimiter {
  readonly #windows = new Map<EmulatedProvider, Window>();
  readonly #limits: Partial<Record<EmulatedProvider, EmulatedRateLimit>>;
  readonly #now: () => number;

  constructor(limits: Partial<Record<EmulatedProvider, EmulatedRateLimit>>, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts the request if it fits in the configured limits. */
  admit(provider: EmulatedProvider, cost: { readonly input: number; readonly output: number }): Admission {
    const now = this.#now();
    let window = this.#windows.get(provider);
    if (!window) this.#windows.set(provider, (window = new Window()));
    window.prune(now);
    const exceeded = this.#exceeded(provider, window, cost.input + cost.output, now);
    if (exceeded) return { ok: false, snapshot: this.#snapshot(provider, window, now), exceeded };
    window.push({ at: now, ...cost });
    return { ok: true, snapshot: this.#snapshot(provider, window, now) };
  }

  /** Empties every window. */
  clear(): void {
    this.#windows.clear();
  }

  #exceeded(provider: EmulatedProvider, window: Window, tokens: number, now: number): RateLimitExceeded | undefined {
    const { requestsPerMinute, tokensPerMinute } = this.#limits[provider] ?? {};
    const size = window.size;
    if (requestsPerMinute !== undefined && size + 1 > requestsPerMinute) {
      const freeing = window.entries[window.head + Math.max(0, size - requestsPerMinute)];
      const retryAfterMs = freeing ? freeing.at + windowMs - now : windowMs;
      return { kind: "requests", limit: requestsPerMinute, used: size, requested: 1, retryAfterMs };
    }
    const used = window.input + window.output;
    if (tokensPerMinute !== undefined && used + tokens > tokensPerMinute) {
      return { kind: "tokens", limit: tokensPerMinute, used, requested: tokens, retryAfterMs: untilFits(window.live(), used + tokens - tokensPerMinute, now) };
    }
    return undefined;
  }

  #snapshot(provider: EmulatedProvider, window: Window, now: number): RateLimitSnapshot {
    const limits = { ...defaultLimits, ...this.#limits[provider] };
    const newest = window.size > 0 ? window.entries[window.entries.length - 1] : undefined;
    const resetMs = newest ? newest.at + windowMs - now : 0;
    const state = (limit: number, used: number): LimitState => ({ limit, remaining: Math.max(0, limit - used), resetMs, resetAt: now + resetMs });
    return {
      requests: state(limits.requestsPerMinute, window.size),
      tokens: state(limits.tokensPerMinute, window.input + window.output),
      inputTokens: state(limits.tokensPerMinute, window.input),
      outputTokens: state(limits.tokensPerMinute, window.output),
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
