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
  readonly #exact = new Map<string, number>();
  readonly #prefixes: { readonly prefix: string; readonly provider: string | undefined; readonly tokens: number }[] = [];
  readonly #memo = new Map<string, number | undefined>();

  constructor(overrides: Readonly<Record<string, number>> = {}) {
    for (const [key, tokens] of Object.entries(overrides)) {
      if (!key.endsWith("*")) {
        this.#exact.set(key, tokens);
        continue;
      }
      const pattern = key.slice(0, -1);
      const slash = pattern.indexOf("/");
      this.#prefixes.push(slash === -1 ? { prefix: pattern, provider: undefined, tokens } : { prefix: pattern.slice(slash + 1), provider: pattern.slice(0, slash), tokens });
    }
    for (const [prefix, tokens] of Object.entries(KNOWN)) this.#prefixes.push({ prefix, provider: undefined, tokens });
    // Longest first; the user's before the built-in ones of the same length (a stable sort keeps them first).
    this.#prefixes.sort((a, b) => b.prefix.length + (b.provider ? 0.5 : 0) - (a.prefix.length + (a.provider ? 0.5 : 0)));
  }

  /** The window of a target in tokens, or `undefined` when unknown. */
  of(target: Route): number | undefined {
    const id = `${target.provider}/${target.model}`;
    if (this.#memo.has(id)) return this.#memo.get(id);
    const tokens =
      this.#exact.get(id) ?? this.#exact.get(target.model) ?? this.#prefixes.find((p) => (p.provider === undefined || p.provider === target.provider) && target.model.startsWith(p.prefix))?.tokens;
    if (this.#memo.size < 4096) this.#memo.set(id, tokens);
    return tokens;
  }
}
