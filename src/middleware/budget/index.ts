export { budget, type BudgetMiddleware, type BudgetSpend } from "./budget-middleware.js";
export type { BudgetOptions, BudgetRedisOptions, BudgetScopeByMetadata } from "./budget-options.js";
