import { mayHoldPii } from "./pii-hint.js";
import { PII_RULES, type PiiRule } from "./pii-patterns.js";
import type { PiiKind } from "./vault.js";

/**
 * Finds the PII of some kinds in a text in one pass: all their rules in one regular expression,
 * compiled once. A match a rule's check refuses (a number that fails Luhn) is offered to the rules
 * after it at the same place, then the search goes on from the next character.
 */
export class PiiRedactor {
  readonly #rules: readonly PiiRule[];
  readonly #all: RegExp;
  /** Each rule alone, anchored where it is set: for the rules after one that refused. */
  readonly #anchored: readonly RegExp[];

  constructor(kinds: readonly PiiKind[]) {
    this.#rules = PII_RULES.filter((rule) => kinds.includes(rule.kind));
    this.#all = new RegExp(this.#rules.map((rule) => `(${rule.source})`).join("|"), "g");
    this.#anchored = this.#rules.map((rule) => new RegExp(rule.source, "y"));
  }

  /**
   * `text` with each match replaced by what `replace` gives for it; `text` itself when there is none.
   * Not reentrant (the expressions keep their position), which a synchronous pass never needs.
   */
  redact(text: string, replace: (kind: PiiKind, key: string, match: string) => string): string {
    if (!mayHoldPii(text)) return text;
    const all = this.#all;
    all.lastIndex = 0;
    let out = "";
    let copied = 0;
    let found: RegExpExecArray | null;
    while ((found = all.exec(text)) !== null) {
      const at = found.index;
      const hit = this.#accepted(text, at, found);
      if (!hit) {
        all.lastIndex = at + 1;
        continue;
      }
      out += text.slice(copied, at) + replace(hit.rule.kind, hit.rule.key(hit.match), hit.match);
      copied = at + hit.match.length;
      all.lastIndex = copied;
    }
    return copied === 0 && out === "" ? text : out + text.slice(copied);
  }

  /** The first rule, from the one that matched at `at` on, whose match there passes its check. */
  #accepted(text: string, at: number, found: RegExpExecArray): { rule: PiiRule; match: string } | undefined {
    let index = 1;
    while (found[index] === undefined) index++;
    const first = this.#rules[index - 1] as PiiRule;
    if (!first.valid || first.valid(found[0])) return { rule: first, match: found[0] };
    for (let i = index; i < this.#rules.length; i++) {
      const rule = this.#rules[i] as PiiRule;
      const anchored = this.#anchored[i] as RegExp;
      anchored.lastIndex = at;
      const match = anchored.exec(text)?.[0];
      if (match !== undefined && (!rule.valid || rule.valid(match))) return { rule, match };
    }
    return undefined;
  }
}
