import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/**
 * Why a budget refused a call: `limit`: what it would cost does not fit in what is left;
 * `unpriced`: a model it may reach has no price, so what it would cost is unknown; `unavailable`:
 * the budget's Redis cannot be reached and it fails closed.
 */
export type BudgetRefusal = "limit" | "unpriced" | "unavailable";

/** What a budget says about a call it refused (every field is set by `budget()`). */
export interface BudgetExceededDetails {
  /** The budget's `name`. */
  readonly budget?: string;
  /** `"global"`, or the metadata field it is kept per (`"metadata.tenant"`). */
  readonly scope?: string;
  /** The value of that field for this call (`"acme"`); absent for a global budget or a call without it. */
  readonly scopeValue?: string;
  readonly reason?: BudgetRefusal;
  /** The limit of the budget, per window. */
  readonly limitUsd?: number;
  /** Spent so far in the window, settled calls only. */
  readonly spentUsd?: number;
  /** Held by calls in flight. */
  readonly reservedUsd?: number;
  /** The most this call could cost (`context.estimateCost`). Absent when it is `unpriced`. */
  readonly estimateUsd?: number;
  /** When the window ends and the spend starts again from 0 (epoch ms); absent for a budget without `windowMs`. */
  readonly windowResetsAt?: number;
}

/**
 * A budget refused the call before anything was sent. Never retryable: trying again asks the same
 * budget. The fields say which budget, and its figures when it refused.
 */
export class BudgetExceededError extends ProxylessError implements BudgetExceededDetails {
  override readonly name = "BudgetExceededError";
  readonly budget?: string;
  readonly scope?: string;
  readonly scopeValue?: string;
  readonly reason?: BudgetRefusal;
  readonly limitUsd?: number;
  readonly spentUsd?: number;
  readonly reservedUsd?: number;
  readonly estimateUsd?: number;
  readonly windowResetsAt?: number;

  constructor(message: string, options: ProxylessErrorOptions & BudgetExceededDetails = {}) {
    super(message, options, false);
    this.budget = options.budget;
    this.scope = options.scope;
    this.scopeValue = options.scopeValue;
    this.reason = options.reason;
    this.limitUsd = options.limitUsd;
    this.spentUsd = options.spentUsd;
    this.reservedUsd = options.reservedUsd;
    this.estimateUsd = options.estimateUsd;
    this.windowResetsAt = options.windowResetsAt;
  }
}
