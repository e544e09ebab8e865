import { estimateInputTokens } from "../request/estimate-tokens.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { CostEstimate } from "../types/middleware.js";
import type { ModelRef } from "../config/model-table.js";
import type { PriceBook } from "./price-book.js";

/** Output tokens assumed for a request that sets no `maxTokens`: a long answer, not a bound. */
export const DEFAULT_ESTIMATE_OUTPUT_TOKENS = 4096;

/**
 * The most a request could cost on any of `targets` (the ones its route may take): its input
 * estimate and `outputTokens` of output at each target's price, the dearest one kept.
 * `undefined` when a target has no price: nothing bounds what it would cost.
 */
export function estimateCost(book: PriceBook, targets: readonly ModelRef[], request: ChatRequest, outputTokens?: number): CostEstimate | undefined {
  const inputTokens = estimateInputTokens(request);
  const output = outputTokens ?? request.maxTokens ?? DEFAULT_ESTIMATE_OUTPUT_TOKENS;
  const usage = { inputTokens, outputTokens: output };
  let dearest: CostEstimate | undefined;
  for (const target of targets) {
    const cost = book.cost(target, usage);
    if (!cost) return undefined;
    if (!dearest || cost.usd > dearest.cost.usd) dearest = { cost, inputTokens, outputTokens: output, target: `${target.provider}/${target.model}` };
  }
  return dearest;
}
