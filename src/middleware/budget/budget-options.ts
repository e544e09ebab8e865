import type { Cluster, Redis } from "ioredis";

/**
 * A budget kept per value of a `metadata` field of the request: `{ metadata: "tenant" }` gives every
 * tenant a limit of its own.
 */
export interface BudgetScopeByMetadata {
  /** The `metadata` field whose value names the account (`"tenant"`, `"user"`, `"feature"`). */
  readonly metadata: string;
  /**
   * A request without that field: `"reject"` fails it with a `ValidationError` naming
   * `metadata.<field>` before anything is sent (an untagged call is a bug to find, not spend to
   * hide); `"shared"` counts every such request in one account of its own (`spent(null)`), under the
   * same limit.
   * @default "reject"
   */
  readonly missing?: "reject" | "shared";
}

/** Where a budget shared by several processes lives. One of `url` and `client`. */
export interface BudgetRedisOptions {
  /** `redis://127.0.0.1:6379`: a connection is made (and closed by `close()`). */
  readonly url?: string;
  /** Your own ioredis client (or Cluster); you close it. */
  readonly client?: Redis | Cluster;
  /** Prefix of every key, so that apps sharing a Redis keep apart. Keys are `<prefix>:budget:{<name>:<scope>:<window>}`. @default "proxyless" */
  readonly prefix?: string;
  /**
   * What happens while Redis cannot be reached: `"closed"` refuses calls with a
   * `BudgetExceededError` (reason `unavailable`), so that a budget never spends more than its limit;
   * `"open"` counts in this process alone, with the same limit (a warning says so), until Redis
   * answers again: with N processes up to N times the limit can be spent meanwhile, and what they
   * spent is not added to the shared figures.
   * @default "closed"
   */
  readonly onUnavailable?: "open" | "closed";
  /** How long connecting, or any one operation, may take before Redis counts as unreachable. @default 1_000 */
  readonly connectTimeoutMs?: number;
  /**
   * The longest a call holds its reservation. One still held after this (its process died, or the
   * call outlived it) is counted as spent in full, since the call may have been sent and billed; a
   * settle that still arrives corrects it to the call's cost.
   * @default 600_000 (the SDKs' own request timeout)
   */
  readonly leaseMs?: number;
}

/** Options of {@link budget}. */
export interface BudgetOptions {
  /** What may be spent, in US dollars, per window (or in all, without `windowMs`). */
  readonly limitUsd: number;
  /**
   * The window spend is counted in: fixed windows aligned to multiples of `windowMs` since the Unix
   * epoch (UTC), so `86_400_000` resets at midnight UTC and every process agrees on the boundaries
   * without talking. A call counts in the window it started in. Without it, the budget holds for the
   * lifetime of its store (the process, or the Redis keys).
   * @default undefined (no window)
   */
  readonly windowMs?: number;
  /** One account for every call, or one per value of a `metadata` field. @default "global" */
  readonly scope?: "global" | BudgetScopeByMetadata;
  /**
   * A call to a model without a price (`context.estimateCost` gives `undefined`): `"reject"` fails it
   * with a `BudgetExceededError` (reason `unpriced`) saying to add a price under the client's
   * `prices`; `"allow"` lets it through uncounted, with a warning (once per model on the console,
   * and in the response's `meta.warnings`).
   * @default "reject"
   */
  readonly unpriced?: "reject" | "allow";
  /** Share the budget across processes through Redis. @default in-process */
  readonly redis?: BudgetRedisOptions;
  /** Names the budget in errors and traces, and in Redis: processes share a budget by name. @default "budget" */
  readonly name?: string;
}
