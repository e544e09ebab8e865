import { ModelTable } from "../config/model-table.js";
import type { Route } from "./router.js";

/**
 * Input context windows (tokens) of well-known models, by model-id prefix, from the providers'
 * model pages (checked 2026-12): enough to keep a fallback from going to a smaller model. Not a
 * list of allowed models: a model missing here has an unknown window and is never skipped for it.
 * `contextWindows` in the client config adds or overrides entries.
 */
const KNOWN: Readonly<Record<string, number>> = {
  // https://platform.openai.com/docs/models
  "gpt-3.5-turbo": 16_385,
  "gpt-4-turbo": 128_000,
  "gpt-4o": 128_000,
  "gpt-4.1": 1_047_576,
  // Input tokens: GPT-5's 400 000 is input and output together.
  "gpt-5": 272_000,
  o1: 200_000,
  "o1-mini": 128_000,
  o3: 200_000,
  "o4-mini": 200_000,
  // https://docs.anthropic.com/en/docs/about-claude/models/overview
  "claude-": 200_000,
  // https://ai.google.dev/gemini-api/docs/models
  "gemini-1.5-pro": 2_097_152,
  "gemini-1.5-flash": 1_048_576,
  "gemini-2.0-flash": 1_048_576,
  "gemini-2.5": 1_048_576,
  "gemini-3": 1_048_576,
};

/**
 * The context window of each target, as far as known: the user's entries first (`provider/model`
 * exactly, or a model-id prefix ending in `*`, with or without `provider/`), then the built-in
 * table by model-id prefix; the longest prefix wins.
 */
export class ContextWindows {
  readonly #table: ModelTable<number>;

  constructor(overrides: Readonly<Record<string, number>> = {}) {
    this.#table = new ModelTable(overrides, KNOWN);
  }

  /** The window of a target in tokens, or `undefined` when unknown. */
  of(target: Route): number | undefined {
    return this.#table.get(target);
  }
}
