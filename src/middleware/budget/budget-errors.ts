import { BudgetExceededError } from "../../core/errors/budget-exceeded-error.js";
import type { CostEstimate } from "../../core/types/middleware.js";
import type { ScopeValue } from "./budget-scope.js";
import type { BudgetWindow } from "./budget-window.js";
import type { ResolvedBudgetOptions } from "./resolve-budget-options.js";

/** What every refusal names: the budget, and the account within it. */
interface Refused {
  readonly options: ResolvedBudgetOptions;
  readonly scope: ScopeValue;
  readonly window: BudgetWindow;
}

/**
 * The budget's refusals, each saying which budget and account refused, with its figures, so that
 * the user knows what to change. None is retryable: trying again asks the same budget.
 */
export const budgetErrors = {
  limit(at: Refused, estimate: CostEstimate, spentUsd: number, reservedUsd: number): BudgetExceededError {
    const { options, window } = at;
    const tokens = `${estimate.target}: ${String(estimate.inputTokens)} input + ${String(estimate.outputTokens)} output tokens`;
    const figures = `${usd(spentUsd)} is spent and ${usd(reservedUsd)} reserved by calls in flight, of its ${usd(options.limitUsd)} limit`;
    const until = window.end === Infinity ? "" : ` until ${new Date(window.end).toISOString()}`;
    const remedies = ["raise limitUsd", "lower maxTokens", ...(reservedUsd > 0 ? ["wait for calls in flight to settle"] : []), ...(window.end === Infinity ? [] : ["wait for the window to end"])];
    return new BudgetExceededError(`${label(at)}: this call may cost up to ${usd(estimate.cost.usd)} (${tokens}), but ${figures}${until}; ${remedies.slice(0, -1).join(", ")}, or ${remedies.at(-1) ?? ""}`, {
      ...fields(at),
      reason: "limit",
      code: "budget_exceeded",
      spentUsd,
      reservedUsd,
      estimateUsd: estimate.cost.usd,
    });
  },
  unpriced(at: Refused, route: string): BudgetExceededError {
    return new BudgetExceededError(
      `${label(at)}: ${route} has no price, so what the call would cost cannot be bounded; add one under \`prices\` in the client config (${priceExample(route)}), or make the budget's unpriced "allow" to let such calls through uncounted`,
      { ...fields(at), reason: "unpriced", code: "budget_unpriced" },
    );
  },
  unavailable(at: Refused, cause: unknown): BudgetExceededError {
    return new BudgetExceededError(`${label(at)} cannot reach its Redis, and fails closed (redis.onUnavailable "closed")`, {
      ...fields(at),
      reason: "unavailable",
      code: "budget_unavailable",
      cause,
    });
  },
};

/** The `prices` entry that would price `route`: its own name when it is one target, a placeholder for a route's. */
function priceExample(route: string): string {
  const id = /^[^/\s]+\/\S+$/.test(route) ? route : "<provider>/<model>";
  return `{ "${id}": { inputPerMTokens, outputPerMTokens } }`;
}

function label({ options, scope }: Refused): string {
  const of = options.scope.kind === "global" ? "" : scope.value === undefined ? ` (requests without metadata.${options.scope.field})` : ` (${options.scope.field} ${JSON.stringify(scope.value)})`;
  return `budget "${options.name}"${of}`;
}

function fields({ options, scope, window }: Refused): ConstructorParameters<typeof BudgetExceededError>[1] {
  return {
    budget: options.name,
    scope: options.scope.kind === "global" ? "global" : `metadata.${options.scope.field}`,
    ...(scope.value !== undefined ? { scopeValue: scope.value } : {}),
    limitUsd: options.limitUsd,
    ...(window.end !== Infinity ? { windowResetsAt: window.end } : {}),
  };
}

/** Dollars as a person reads them: cents for large amounts, four significant digits for small ones. */
export function usd(amount: number): string {
  if (amount >= 100) return `$${amount.toFixed(2)}`;
  return `$${String(Number(amount.toPrecision(4)))}`;
}
