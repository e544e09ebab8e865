import type { ThinkingConfig, ThinkingLevel } from "@google/genai";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { ReasoningOptions } from "../../core/types/chat-request.js";
import type { Warning } from "../../core/types/warning.js";
import { LEVELS, thinkingProfileOf, type ThinkingProfile } from "./gemini-thinking-profile.js";

type Effort = Exclude<NonNullable<ReasoningOptions["effort"]>, "none">;

/** Gemini has four levels: the two above `high` ask for the most there is. */
const EFFORT_LEVELS: Readonly<Record<Effort, ThinkingLevel>> = {
  minimal: LEVELS.MINIMAL,
  low: LEVELS.LOW,
  medium: LEVELS.MEDIUM,
  high: LEVELS.HIGH,
  xhigh: LEVELS.HIGH,
  max: LEVELS.HIGH,
};

/** Budgets for an effort on models that take only a budget; `xhigh`/`max` take the model's most. */
const EFFORT_BUDGETS: Readonly<Record<Effort, number | "most">> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: "most",
  max: "most",
};

const LEVEL_ORDER: readonly ThinkingLevel[] = [LEVELS.MINIMAL, LEVELS.LOW, LEVELS.MEDIUM, LEVELS.HIGH];

/**
 * `reasoning` as Gemini's `thinkingConfig`, in the form the model's family takes
 * ({@link thinkingProfileOf}): a level for Gemini 3 and later, a budget for Gemini 2.5. A budget
 * wins over an effort (Gemini rejects the pair). Thought summaries are asked for whenever
 * thinking is, so `reasoning` is filled.
 *
 * @throws ValidationError for a `budgetTokens` outside what a known model takes.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
export function convertGoogleThinking(reasoning: ReasoningOptions, model: string, warnings: Warning[]): ThinkingConfig | undefined {
  const { effort, budgetTokens } = reasoning;
  const profile = thinkingProfileOf(model);
  if (profile.style === "none") {
    if (effort !== undefined || budgetTokens !== undefined) {
      warnings.push({ type: "unsupported", setting: "reasoning", message: `not sent: ${profile.family} models do not think` });
    }
    return undefined;
  }
  if (budgetTokens !== undefined) {
    if (effort !== undefined) {
      warnings.push({
        type: "unsupported",
        setting: "reasoning.effort",
        message: "Gemini takes a thinking budget or a thinking level, not both: reasoning.budgetTokens was used",
      });
    }
    return budgetConfig(budgetTokens, profile, model, warnings);
  }
  if (effort === undefined) return undefined;
  if (profile.style === "level") {
    if (effort === "none") return lowestLevel(profile, warnings);
    return { thinkingLevel: levelFor(EFFORT_LEVELS[effort], profile, warnings), includeThoughts: true };
  }
  if (effort === "none") return profile.range && !profile.range.canTurnOff ? lowestBudget(profile, profile.range.min, warnings) : { thinkingBudget: 0 };
  const wanted = EFFORT_BUDGETS[effort];
  const most = profile.range?.max ?? 24576;
  const budget = wanted === "most" ? most : Math.min(Math.max(wanted, profile.range?.min ?? 0), most);
  return { thinkingBudget: budget, includeThoughts: true };
}

function budgetConfig(budget: number, profile: Exclude<ThinkingProfile, { style: "none" }>, model: string, warnings: Warning[]): ThinkingConfig {
  if (profile.style === "level") {
    // Gemini 3 still reads a budget, but cannot turn thinking off with one.
    return budget === 0 ? lowestLevel(profile, warnings) : { thinkingBudget: budget, includeThoughts: true };
  }
  const range = profile.range;
  if (range && budget !== 0 && (budget < range.min || budget > range.max)) {
    throw new ValidationError([
      { path: "reasoning.budgetTokens", message: `${model} (${profile.family}) takes a thinking budget of ${range.min}-${range.max}, got ${budget}: pick one in that range${range.canTurnOff ? ", or 0 to turn thinking off" : ""}` },
    ]);
  }
  if (range && budget === 0 && !range.canTurnOff) {
    throw new ValidationError([
      { path: "reasoning.budgetTokens", message: `${model} (${profile.family}) cannot turn thinking off, so a budget of 0 is rejected: give a budget of ${range.min}-${range.max}` },
    ]);
  }
  return budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
}

function lowestLevel(profile: ThinkingProfile & { style: "level" }, warnings: Warning[]): ThinkingConfig {
  const level = profile.levels[0] ?? LEVELS.LOW;
  warnings.push({ type: "unsupported", setting: "reasoning", message: `${profile.family} models cannot turn thinking off: sent their lowest thinking level, ${level}` });
  return { thinkingLevel: level };
}

function lowestBudget(profile: ThinkingProfile, budget: number, warnings: Warning[]): ThinkingConfig {
  warnings.push({ type: "unsupported", setting: "reasoning", message: `${profile.family} cannot turn thinking off: sent its smallest thinking budget, ${budget}` });
  return { thinkingBudget: budget };
}

/** The level asked for, or the next one up the model has (the highest it has at the top). */
function levelFor(wanted: ThinkingLevel, profile: ThinkingProfile & { style: "level" }, warnings: Warning[]): ThinkingLevel {
  if (profile.levels.includes(wanted)) return wanted;
  const above = LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(wanted)).find((level) => profile.levels.includes(level));
  const level = above ?? profile.levels[profile.levels.length - 1] ?? LEVELS.HIGH;
  warnings.push({ type: "unsupported", setting: "reasoning.effort", message: `${profile.family} models have no ${wanted} thinking level: sent ${level}` });
  return level;
}
