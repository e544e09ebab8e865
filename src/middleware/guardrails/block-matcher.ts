import { ConfigError } from "../../core/errors/config-error.js";
import { describeValue } from "../../core/config/known-options.js";

/** A blocked string (a case-insensitive whole word or phrase) or a regular expression. */
export type BlockedPattern = string | RegExp;

/** Where in a text a match counts: from `minStart` on, and ending before `endBefore`. */
export interface MatchBounds {
  readonly minStart: number;
  readonly endBefore: number;
}

const WHOLE_TEXT: MatchBounds = { minStart: 0, endBefore: Number.POSITIVE_INFINITY };

/** One compiled expression and, per capturing group, the entry of the list it stands for. */
interface Expression {
  readonly regex: RegExp;
  /** For the strings' combined expression: group n is `entries[n - 1]`; for a RegExp, its one entry. */
  readonly entries: readonly number[];
  /** The strings' first words, in lower case: an ASCII text holding none cannot match (see {@link BlockMatcher.find}). */
  readonly firstWords?: readonly string[];
}

/** Outside ASCII, case folding (`ſ` matches `s` under `iu`) is more than `toLowerCase`: no shortcut there. */
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * A blocklist compiled once: all strings in one expression (whole words, any case, any whitespace
 * between the words of a phrase), each RegExp in one of its own, flags kept and made global.
 */
export class BlockMatcher {
  readonly #expressions: readonly Expression[];
  /** The longest a string entry matches (a phrase's spaces counted once). */
  readonly longestTerm: number;
  readonly hasRegExp: boolean;
  readonly #kinds: readonly ("term" | "pattern")[];

  /** @throws ConfigError naming the entry that is neither a non-empty string nor a RegExp that needs some text. */
  constructor(check: string, patterns: unknown) {
    if (!Array.isArray(patterns) || patterns.length === 0) {
      throw new ConfigError(`guardrails: ${check}: give a non-empty array of strings or regular expressions, such as blocklist(["ignore previous instructions", /\\bDROP TABLE\\b/i]); got ${describeValue(patterns)}`, { path: "patterns" });
    }
    const terms: { source: string; entry: number; first: string }[] = [];
    const expressions: Expression[] = [];
    let longestTerm = 0;
    (patterns as unknown[]).forEach((pattern, entry) => {
      if (typeof pattern === "string" && pattern.trim() !== "") {
        const words = pattern.trim().split(/\s+/);
        terms.push({ source: words.map(escape).join("\\s+"), entry, first: (words[0] as string).toLowerCase() });
        longestTerm = Math.max(longestTerm, words.join(" ").length);
      } else if (pattern instanceof RegExp) {
        const regex = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, "")}g`);
        if (regex.test("")) throw new ConfigError(`guardrails: ${check}: patterns[${entry}] (${pattern}) matches empty text, so it would block everything`, { path: `patterns[${entry}]` });
        expressions.push({ regex, entries: [entry] });
      } else {
        throw new ConfigError(`guardrails: ${check}: patterns[${entry}] must be a non-empty string or a RegExp, got ${describeValue(pattern)}`, { path: `patterns[${entry}]` });
      }
    });
    if (terms.length > 0) {
      // Longest first, so that of two terms matching at one place the fuller one is named.
      terms.sort((a, b) => b.source.length - a.source.length);
      const alternatives = terms.map((term) => `(${term.source})`).join("|");
      expressions.unshift({
        regex: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, "giu"),
        entries: terms.map((term) => term.entry),
        // Only for ASCII terms: a term's `ſ` or `K` (Kelvin) matches ASCII text under `iu`.
        ...(terms.some((term) => NON_ASCII.test(term.first)) ? {} : { firstWords: [...new Set(terms.map((term) => term.first))] }),
      });
    }
    this.#expressions = expressions;
    this.#kinds = (patterns as unknown[]).map((pattern) => (typeof pattern === "string" ? "term" : "pattern"));
    this.longestTerm = longestTerm;
    this.hasRegExp = expressions.length > (terms.length > 0 ? 1 : 0);
  }

  /**
   * What the first match within `bounds` is, as a message may say it: `blocked term #2` (its
   * place in the list, 1-based), never the text that matched; `undefined` when there is none.
   */
  find(text: string, bounds: MatchBounds = WHOLE_TEXT): string | undefined {
    let lower: string | undefined;
    for (const { regex, entries, firstWords } of this.#expressions) {
      // A Unicode, case-blind search at every place costs far more than a lower-case `includes`
      // (a stream searches each delta): an ASCII text with none of the first words has no match.
      if (firstWords && !NON_ASCII.test(text)) {
        lower ??= text.toLowerCase();
        const hay = lower;
        if (!firstWords.some((word) => hay.includes(word))) continue;
      }
      regex.lastIndex = bounds.minStart;
      let found: RegExpExecArray | null;
      while ((found = regex.exec(text)) !== null) {
        if (found.index >= bounds.minStart && found.index + found[0].length < bounds.endBefore) {
          const entry = entries.length === 1 ? (entries[0] as number) : groupEntry(found, entries);
          return `matched blocked ${this.#kinds[entry] ?? "pattern"} #${entry + 1}`;
        }
        // Matches may overlap: one that ends too late can hide one that starts later and fits.
        regex.lastIndex = found.index + 1;
      }
    }
    return undefined;
  }
}

function groupEntry(found: RegExpExecArray, entries: readonly number[]): number {
  for (let group = 1; group <= entries.length; group++) if (found[group] !== undefined) return entries[group - 1] as number;
  return entries[0] as number;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
