import type { ResolvedRule } from "./rule-table.js";

/** What one attempt asks of a rule's budget. */
export interface Demand {
  /** The budget it draws from (`laneOf`). */
  readonly lane: string;
  readonly rule: ResolvedRule;
  /** Tokens to reserve (0 without a `tpm`). */
  readonly tokens: number;
  /** 0 (first) to 9 (last). */
  readonly priority: number;
  /** Ends the wait: an abort, or the rule's `maxWaitMs` running out. */
  readonly wait: WaitEnd;
}

/** How a wait for permits ends early. */
export interface WaitEnd {
  /** Settles (never rejects) with the error the waiter gets, when the wait must end. */
  readonly ended: Promise<Error>;
}

/** Permits an attempt holds until it is done. */
export interface Grant {
  /** The request has reached the provider (its first event, or its end): `rpm`/`tpm` hold `windowMs` from now. */
  sent(): void;
  /**
   * The attempt is over: its concurrency slot is free, and its tokens are settled to what it used
   * (`undefined`: unknown, the reservation stands).
   */
  finish(tokensUsed?: number): void;
  /** It was never sent: everything goes back now. */
  cancel(): void;
}

/** Where permits come from: this process (`LocalPermits`) or Bottleneck's Redis cluster. */
export interface PermitSource {
  acquire(demand: Demand): Promise<Grant>;
  /** The permits at once, when they can be had without waiting (nobody before it, room now); otherwise `undefined`. */
  tryAcquire?(demand: Omit<Demand, "wait">): Grant | undefined;
  /** Pauses other processes have set for a target (epoch ms; 0 when none), for shared sources. */
  pausedUntil?(target: string): Promise<number>;
  /** Shares a pause with other processes; never shortens a longer one. */
  pause?(target: string, until: number): void;
  /** Something other than the caller worth saying about the last `acquire` (a fallback), once. */
  takeWarning?(): string | undefined;
  close(): Promise<void>;
}

/** The tokens to reserve for a rule: never more than its whole budget, so a big request waits for a window to itself rather than forever. */
export function reservation(rule: ResolvedRule, estimate: number): number {
  return rule.tpm === undefined ? 0 : Math.min(rule.tpm, Math.max(1, estimate));
}

/** A shared source cannot reach its store and fails closed: the middleware turns this into its `RateLimitError`. */
export const UNAVAILABLE = new Error("rate limiter's store is unreachable");
