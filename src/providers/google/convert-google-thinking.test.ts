import { describe, expect, it } from "vitest";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { Warning } from "../../core/types/warning.js";
import { convertGoogleThinking } from "./convert-google-thinking.js";
import { thinkingProfileOf } from "./gemini-thinking-profile.js";

function convert(model: string, reasoning: Parameters<typeof convertGoogleThinking>[0]) {
  const warnings: Warning[] = [];
  return { config: convertGoogleThinking(reasoning, model, warnings), warnings };
}

describe("thinkingProfileOf", () => {
  it.each([
    ["gemini-3-pro-preview", "level", "Gemini 3 Pro"],
    ["gemini-3.1-pro-preview", "level", "Gemini 3.1 Pro"],
    ["gemini-2.0-flash", "none", "Gemini 2.0"],
    ["gemini-1.5-pro", "none", "Gemini 1.5"],
    ["gemini-pro-latest", "budget", "unknown"],
    ["models/gemini-3-flash-preview", "level", "Gemini 3"],
    ["gemini-3.1-flash-lite", "level", "Gemini 3"],
    ["gemini-2.5-pro", "budget", "Gemini 2.5 Pro"],
    ["gemini-2.5-flash-lite-preview-09-2025", "budget", "Gemini 2.5 Flash-Lite"],
    ["GEMINI-2.5-FLASH", "budget", "Gemini 2.5 Flash"],
    ["gemma-3-27b-it", "budget", "unknown"],
    ["tunedModels/my-model", "budget", "unknown"],
  ])("%s → %s (%s)", (model, style, family) => {
    expect(thinkingProfileOf(model)).toMatchObject({ style, family });
  });
});

describe("convertGoogleThinking", () => {
  it("never sends a level to a model before Gemini 3, nor a budget for an effort to Gemini 3", () => {
    expect(convert("gemini-2.5-pro", { effort: "low" }).config).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(convert("gemini-2.5-pro", { effort: "max" }).config).toEqual({ thinkingBudget: 32768, includeThoughts: true });
    expect(convert("gemini-2.5-flash-lite", { effort: "minimal" }).config).toEqual({ thinkingBudget: 512, includeThoughts: true });
    expect(convert("gemini-3-flash-preview", { effort: "low" }).config).toEqual({ thinkingLevel: "LOW", includeThoughts: true });
  });

  it("sends the next level up that a Gemini 3 Pro model has, with a warning", () => {
    expect(convert("gemini-3-pro-preview", { effort: "minimal" })).toEqual({
      config: { thinkingLevel: "LOW", includeThoughts: true },
      warnings: [{ type: "unsupported", setting: "reasoning.effort", message: "Gemini 3 Pro models have no MINIMAL thinking level: sent LOW" }],
    });
    expect(convert("gemini-3-pro-preview", { effort: "medium" }).config).toEqual({ thinkingLevel: "HIGH", includeThoughts: true });
    expect(convert("gemini-3.1-pro-preview", { effort: "medium" })).toEqual({ config: { thinkingLevel: "MEDIUM", includeThoughts: true }, warnings: [] });
    expect(convert("gemini-3.1-pro-preview", { effort: "minimal" }).config).toEqual({ thinkingLevel: "LOW", includeThoughts: true });
  });

  it("asks a model that cannot stop thinking for its least thinking, with a warning", () => {
    expect(convert("gemini-3-pro-preview", { effort: "none" })).toMatchObject({ config: { thinkingLevel: "LOW" }, warnings: [{ setting: "reasoning" }] });
    expect(convert("gemini-3-flash-preview", { budgetTokens: 0 })).toMatchObject({ config: { thinkingLevel: "MINIMAL" }, warnings: [{ setting: "reasoning" }] });
    expect(convert("gemini-2.5-pro", { effort: "none" })).toMatchObject({ config: { thinkingBudget: 128 }, warnings: [{ setting: "reasoning" }] });
    expect(convert("gemini-2.5-flash", { effort: "none" })).toEqual({ config: { thinkingBudget: 0 }, warnings: [] });
  });

  it.each([
    ["gemini-2.5-pro", 0, "gemini-2.5-pro (Gemini 2.5 Pro) cannot turn thinking off, so a budget of 0 is rejected: give a budget of 128-32768"],
    ["gemini-2.5-pro", 64, "gemini-2.5-pro (Gemini 2.5 Pro) takes a thinking budget of 128-32768, got 64"],
    ["gemini-2.5-flash", 30000, "gemini-2.5-flash (Gemini 2.5 Flash) takes a thinking budget of 0-24576, got 30000"],
    ["gemini-2.5-flash-lite", 100, "takes a thinking budget of 512-24576, got 100: pick one in that range, or 0 to turn thinking off"],
  ])("%s rejects a budget of %d before sending", (model, budgetTokens, message) => {
    const error = (() => {
      try {
        convert(model, { budgetTokens });
      } catch (caught) {
        return caught;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toBe("reasoning.budgetTokens");
    expect(error.message).toContain(message);
  });

  it("sends no thinking settings to models before Gemini 2.5, with a warning", () => {
    expect(convert("gemini-2.0-flash", { effort: "high" })).toEqual({
      config: undefined,
      warnings: [{ type: "unsupported", setting: "reasoning", message: "not sent: Gemini 2.0 models do not think" }],
    });
    expect(convert("gemini-2.0-flash", { budgetTokens: 0 }).config).toBeUndefined();
  });

  it("passes any budget to a model it does not know", () => {
    expect(convert("tunedModels/x", { budgetTokens: 100000 }).config).toEqual({ thinkingBudget: 100000, includeThoughts: true });
    expect(convert("gemini-2.5-flash-lite", { budgetTokens: 0 }).config).toEqual({ thinkingBudget: 0 });
  });
});
