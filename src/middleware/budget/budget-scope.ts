import { ValidationError } from "../../core/errors/validation-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ResolvedScope } from "./resolve-budget-options.js";

/** The account a call is counted in. */
export interface ScopeValue {
  /** As a store keys it: `all`, `v:<value escaped>`, or `none` (a request without the field, `missing: "shared"`). */
  readonly key: string;
  /** The metadata value, when there is one. */
  readonly value?: string;
}

const GLOBAL: ScopeValue = Object.freeze({ key: "all" });
const NONE: ScopeValue = Object.freeze({ key: "none" });

/**
 * The account of `request` under `scope`. Escaped so that no tenant's value can name another
 * account (`none`, or a key with the separators of a Redis key in it).
 *
 * @throws ValidationError for a request without the field when `missing` is `"reject"`.
 */
export function scopeOf(scope: ResolvedScope, request: ChatRequest, budget: string): ScopeValue {
  if (scope.kind === "global") return GLOBAL;
  const value = request.metadata?.[scope.field];
  if (value !== undefined && value !== "") return { key: `v:${encodeURIComponent(value)}`, value };
  if (scope.missing === "shared") return NONE;
  throw new ValidationError([
    { path: `metadata.${scope.field}`, message: `budget "${budget}" is kept per ${scope.field}: give the request metadata.${scope.field} (or make the budget's scope.missing "shared")` },
  ]);
}

/**
 * The account `spent()` reads: a value; `null` for the requests without the field.
 *
 * @throws TypeError when a budget per metadata field is asked without saying whose.
 */
export function scopeNamed(scope: ResolvedScope, value: string | null | undefined, budget: string): ScopeValue {
  if (scope.kind === "global") return GLOBAL;
  if (value === null || value === "") return NONE;
  if (value === undefined) throw new TypeError(`budget "${budget}" is kept per metadata.${scope.field}: spent(${scope.field}) needs one (spent(null) for requests without it)`);
  return { key: `v:${encodeURIComponent(value)}`, value };
}
