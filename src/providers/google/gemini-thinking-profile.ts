import type { ThinkingLevel } from "@google/genai";

/** The SDK's enum values, typed without importing the SDK at run time. */
export const LEVELS = {
  MINIMAL: "MINIMAL" as ThinkingLevel.MINIMAL,
  LOW: "LOW" as ThinkingLevel.LOW,
  MEDIUM: "MEDIUM" as ThinkingLevel.MEDIUM,
  HIGH: "HIGH" as ThinkingLevel.HIGH,
} as const;

/**
 * How a Gemini model is told how much to think.
 * - `level`: Gemini 3 and later take `thinkingLevel`, some of the four levels each;
 * - `budget`: Gemini 2.5 takes only `thinkingBudget`, in a range that depends on the model, and
 *   not every model can turn thinking off. Ranges are absent for models proxyless does not know;
 * - `none`: models before Gemini 2.5 do not think.
 */
export type ThinkingProfile =
  | { readonly style: "level"; readonly family: string; readonly levels: readonly ThinkingLevel[] }
  | { readonly style: "budget"; readonly family: string; readonly range?: { readonly min: number; readonly max: number; readonly canTurnOff: boolean } }
  | { readonly style: "none"; readonly family: string };

const ALL_LEVELS = [LEVELS.MINIMAL, LEVELS.LOW, LEVELS.MEDIUM, LEVELS.HIGH] as const;

/**
 * The profile of a model id, recognised by its name: `gemini-<major>[.<minor>]-<variant>`, with
 * or without the `models/` prefix. Gemini 3+ → `level` (3.0 Pro: `LOW` and `HIGH` only; later
 * Pro models: `LOW`, `MEDIUM`, `HIGH`); Gemini 2.5 Pro → budget 128-32768, thinking always on;
 * 2.5 Flash-Lite → 512-24576 or 0; 2.5 Flash → 0-24576; Gemini 2.0 and earlier → `none`;
 * anything else (tuned models, Gemma, aliases, names proxyless does not know) → `budget` without a
 * range check.
 *
 * @see https://ai.google.dev/gemini-api/docs/thinking#set-budget
 * @see https://ai.google.dev/gemini-api/docs/thinking#thinking-levels
 */
export function thinkingProfileOf(model: string): ThinkingProfile {
  let profile = profiles.get(model);
  if (!profile) {
    // A client sees a handful of model ids; the bound only guards against unbounded input.
    if (profiles.size >= MAX_REMEMBERED) profiles.clear();
    profile = profileOf(model);
    profiles.set(model, profile);
  }
  return profile;
}

const MAX_REMEMBERED = 256;
const profiles = new Map<string, ThinkingProfile>();

function profileOf(model: string): ThinkingProfile {
  const name = model.toLowerCase().replace(/^models\//, "");
  const version = /^gemini-(\d+)(?:\.(\d+))?-/.exec(name);
  if (!version) return { style: "budget", family: "unknown" };
  const major = Number(version[1]);
  const minor = Number(version[2] ?? 0);
  const variant = name.slice(version[0].length);
  if (major >= 3) {
    if (!variant.startsWith("pro")) return { style: "level", family: `Gemini ${major}`, levels: ALL_LEVELS };
    return major === 3 && minor === 0
      ? { style: "level", family: "Gemini 3 Pro", levels: [LEVELS.LOW, LEVELS.HIGH] }
      : { style: "level", family: `Gemini ${major}.${minor} Pro`, levels: [LEVELS.LOW, LEVELS.MEDIUM, LEVELS.HIGH] };
  }
  if (major < 2 || (major === 2 && minor < 5)) return { style: "none", family: `Gemini ${major}.${minor}` };
  if (major === 2 && minor === 5) {
    if (variant.startsWith("pro")) return { style: "budget", family: "Gemini 2.5 Pro", range: { min: 128, max: 32768, canTurnOff: false } };
    if (variant.startsWith("flash-lite")) return { style: "budget", family: "Gemini 2.5 Flash-Lite", range: { min: 512, max: 24576, canTurnOff: true } };
    if (variant.startsWith("flash")) return { style: "budget", family: "Gemini 2.5 Flash", range: { min: 0, max: 24576, canTurnOff: true } };
  }
  return { style: "budget", family: "unknown" };
}
