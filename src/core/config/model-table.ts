/** A provider and a model id: what a table entry is looked up by. */
export interface ModelRef {
  readonly provider: string;
  readonly model: string;
}

interface PrefixEntry<T> {
  readonly prefix: string;
  readonly provider: string | undefined;
  readonly value: T;
}

/** How many distinct targets a table remembers the answer for: targets are few, model ids from responses need not be. */
const MEMO_LIMIT = 4096;

/**
 * Values by model, as users write them in config (`contextWindows`, `prices`): `provider/model`
 * exactly, a bare model id (any provider), or a model-id prefix ending in `*`, with or without
 * `provider/` (`"groq/llama-3.1*"`, `"gpt-4o*"`). Exact keys win, then the longest prefix (one with
 * a provider before one without, the user's before the built-in ones of the same length).
 */
export class ModelTable<T> {
  readonly #exact = new Map<string, T>();
  readonly #prefixes: PrefixEntry<T>[] = [];
  readonly #memo = new Map<string, T | undefined>();

  /** @param builtin prefixes known without configuration, consulted after the user's entries. */
  constructor(entries: Readonly<Record<string, T>> = {}, builtin: Readonly<Record<string, T>> = {}) {
    for (const [key, value] of Object.entries(entries)) {
      if (!key.endsWith("*")) {
        this.#exact.set(key, value);
        continue;
      }
      const pattern = key.slice(0, -1);
      const slash = pattern.indexOf("/");
      this.#prefixes.push(slash === -1 ? { prefix: pattern, provider: undefined, value } : { prefix: pattern.slice(slash + 1), provider: pattern.slice(0, slash), value });
    }
    for (const [prefix, value] of Object.entries(builtin)) this.#prefixes.push({ prefix, provider: undefined, value });
    // A stable sort keeps the user's entries before built-in ones of the same length.
    this.#prefixes.sort((a, b) => b.prefix.length + (b.provider ? 0.5 : 0) - (a.prefix.length + (a.provider ? 0.5 : 0)));
  }

  /** Whether the table has no entries at all (nothing to look up). */
  get empty(): boolean {
    return this.#exact.size === 0 && this.#prefixes.length === 0;
  }

  /** The value for a model, or `undefined` when no entry matches. */
  get(ref: ModelRef): T | undefined {
    const id = `${ref.provider}/${ref.model}`;
    const memo = this.#memo.get(id);
    if (memo !== undefined || this.#memo.has(id)) return memo;
    const value =
      this.#exact.get(id) ?? this.#exact.get(ref.model) ?? this.#prefixes.find((p) => (p.provider === undefined || p.provider === ref.provider) && ref.model.startsWith(p.prefix))?.value;
    if (this.#memo.size < MEMO_LIMIT) this.#memo.set(id, value);
    return value;
  }
}
