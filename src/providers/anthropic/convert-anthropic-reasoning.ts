import type { OutputConfig, ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { ReasoningOptions } from "../../core/types/chat-request.js";
import type { Warning } from "../../core/types/warning.js";

/**
 * Output tokens kept for the answer when a thinking budget would take all of `max_tokens`:
 * thinking counts towards `max_tokens`, which must be larger than the budget.
 */
export const ANTHROPIC_THINKING_ANSWER_TOKENS = 4096;

/** The smallest thinking budget the Messages API takes (`budget_tokens` "Must be ≥1024"). */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

/** What `reasoning` becomes on the Messages API. */
export interface AnthropicReasoning {
  readonly thinking?: ThinkingConfigParam;
  /** For `output_config.effort`. */
  readonly effort?: NonNullable<OutputConfig["effort"]>;
  /** `max_tokens`, raised when the thinking budget would not fit in it. */
  readonly maxTokens: number;
  readonly warnings: Warning[];
}

/**
 * `reasoning` as Anthropic thinking settings:
 *
 * - `budgetTokens` → manual extended thinking `{ type: "enabled", budget_tokens }`; `0` turns
 *   thinking off. A budget of `max_tokens` or more raises `max_tokens` to budget +
 *   {@link ANTHROPIC_THINKING_ANSWER_TOKENS}, with a warning.
 * - `effort` → adaptive thinking `{ type: "adaptive" }` (unless a budget is given) and
 *   `output_config.effort`; `minimal` is sent as `low`, the lowest Anthropic level.
 * - `effort: "none"` → `{ type: "disabled" }` and no effort; a budget next to it is ignored.
 *
 * @throws ValidationError for a budget between 1 and {@link ANTHROPIC_MIN_THINKING_BUDGET}.
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 * @see https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking
 */
export function convertAnthropicReasoning(reasoning: ReasoningOptions | undefined, maxTokens: number): AnthropicReasoning {
  const warnings: Warning[] = [];
  const { effort, budgetTokens } = reasoning ?? {};
  if (effort === "none") {
    if (budgetTokens) {
      warnings.push({ type: "other", setting: "reasoning.budgetTokens", message: 'ignored: reasoning.effort "none" turns thinking off' });
    }
    return { thinking: { type: "disabled" }, maxTokens, warnings };
  }
  const level = effort === "minimal" ? "low" : effort;
  const withEffort = level !== undefined ? { effort: level } : {};
  if (budgetTokens === 0) return { thinking: { type: "disabled" }, ...withEffort, maxTokens, warnings };
  if (budgetTokens === undefined) {
    return { ...(level !== undefined ? { thinking: { type: "adaptive" } } : {}), ...withEffort, maxTokens, warnings };
  }
  if (budgetTokens < ANTHROPIC_MIN_THINKING_BUDGET) {
    throw new ValidationError([
      {
        path: "reasoning.budgetTokens",
        message: `Anthropic's smallest thinking budget is ${ANTHROPIC_MIN_THINKING_BUDGET} tokens, got ${budgetTokens}: set at least ${ANTHROPIC_MIN_THINKING_BUDGET}, or 0 to turn thinking off`,
      },
    ]);
  }
  if (budgetTokens >= maxTokens) {
    const raised = budgetTokens + ANTHROPIC_THINKING_ANSWER_TOKENS;
    warnings.push({
      type: "other",
      setting: "maxTokens",
      message: `raised from ${maxTokens} to ${raised}: Anthropic counts thinking in max_tokens, which must exceed reasoning.budgetTokens`,
    });
    maxTokens = raised;
  }
  return { thinking: { type: "enabled", budget_tokens: budgetTokens }, ...withEffort, maxTokens, warnings };
}
