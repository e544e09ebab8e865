import { describe, expect, it } from "vitest";
import { ValidationError } from "../../core/errors/validation-error.js";
import { convertAnthropicReasoning } from "./convert-anthropic-reasoning.js";

describe("convertAnthropicReasoning", () => {
  it("sends nothing without reasoning options", () => {
    expect(convertAnthropicReasoning(undefined, 4096)).toEqual({ maxTokens: 4096, warnings: [] });
    expect(convertAnthropicReasoning({}, 4096)).toEqual({ maxTokens: 4096, warnings: [] });
  });

  it("turns a budget into manual extended thinking", () => {
    expect(convertAnthropicReasoning({ budgetTokens: 2048 }, 8000)).toEqual({
      thinking: { type: "enabled", budget_tokens: 2048 },
      maxTokens: 8000,
      warnings: [],
    });
  });

  it("rejects a budget under Anthropic's minimum of 1024, naming the fix", () => {
    expect(() => convertAnthropicReasoning({ budgetTokens: 1023 }, 8000)).toThrow(
      "reasoning.budgetTokens: Anthropic's smallest thinking budget is 1024 tokens, got 1023: set at least 1024, or 0 to turn thinking off",
    );
    expect(() => convertAnthropicReasoning({ budgetTokens: 1 }, 8000)).toThrow(ValidationError);
    expect(convertAnthropicReasoning({ budgetTokens: 1024 }, 8000).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
  });

  it("raises max_tokens above a budget that would take all of it, with a warning", () => {
    expect(convertAnthropicReasoning({ budgetTokens: 4096 }, 4096)).toEqual({
      thinking: { type: "enabled", budget_tokens: 4096 },
      maxTokens: 8192,
      warnings: [
        {
          type: "other",
          setting: "maxTokens",
          message: "raised from 4096 to 8192: Anthropic counts thinking in max_tokens, which must exceed reasoning.budgetTokens",
        },
      ],
    });
  });

  it("turns an effort into adaptive thinking plus output_config.effort, minimal as low", () => {
    expect(convertAnthropicReasoning({ effort: "high" }, 4096)).toEqual({
      thinking: { type: "adaptive" },
      effort: "high",
      maxTokens: 4096,
      warnings: [],
    });
    expect(convertAnthropicReasoning({ effort: "minimal" }, 4096)).toMatchObject({ effort: "low" });
    expect(convertAnthropicReasoning({ effort: "max" }, 4096)).toMatchObject({ effort: "max" });
  });

  it("keeps the budget for thinking when both are given, and still sends the effort", () => {
    expect(convertAnthropicReasoning({ effort: "medium", budgetTokens: 1024 }, 4096)).toEqual({
      thinking: { type: "enabled", budget_tokens: 1024 },
      effort: "medium",
      maxTokens: 4096,
      warnings: [],
    });
  });

  it('disables thinking for effort "none" (ignoring a budget) and for a zero budget', () => {
    expect(convertAnthropicReasoning({ effort: "none" }, 4096)).toEqual({ thinking: { type: "disabled" }, maxTokens: 4096, warnings: [] });
    expect(convertAnthropicReasoning({ effort: "none", budgetTokens: 2000 }, 4096)).toEqual({
      thinking: { type: "disabled" },
      maxTokens: 4096,
      warnings: [{ type: "other", setting: "reasoning.budgetTokens", message: 'ignored: reasoning.effort "none" turns thinking off' }],
    });
    expect(convertAnthropicReasoning({ budgetTokens: 0 }, 4096)).toEqual({ thinking: { type: "disabled" }, maxTokens: 4096, warnings: [] });
  });
});
