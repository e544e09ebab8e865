import { mapStrings } from "./map-strings.js";

/** What `pii()` finds, as named in `meta.guardrails[].kinds`. */
export type PiiKind = "email" | "phone" | "card" | "iban" | "secret";

/** The kinds, in the order `pii()` tries them at one place in a text. */
export const PII_KINDS: readonly PiiKind[] = ["secret", "email", "iban", "card", "phone"];

const LABELS: Readonly<Record<PiiKind, string>> = { email: "EMAIL", phone: "PHONE", card: "CARD", iban: "IBAN", secret: "SECRET" };

/** Every placeholder any vault makes: `[EMAIL_1]`, `[CARD_12]`. */
const PLACEHOLDER = /\[(?:EMAIL|PHONE|CARD|IBAN|SECRET)_\d{1,9}\]/g;

const asIs = (original: string): string => original;
const asJsonContent = (original: string): string => JSON.stringify(original).slice(1, -1);

/** Counts what a restore put back. */
export interface RestoreCount {
  count: number;
}

/**
 * The placeholders of one call: the same value always gets the same placeholder, numbered per kind
 * in the order values first appear (so the same request is redacted the same way every time, and
 * a cache after it keys on the redacted text), and the originals of those that may be restored.
 */
export class Vault {
  /** `kind` + normalised value → placeholder. */
  readonly #placeholders = new Map<string, string>();
  /** Placeholder → the original text, for reversible redactions only. */
  readonly #originals = new Map<string, string>();
  readonly #counts = new Map<PiiKind, number>();
  /** Placeholder-shaped text the request already held before any redaction. */
  readonly #taken = new Set<string>();
  #longest = 0;

  /** Notes the placeholder-shaped text of the request as it came, so that no placeholder made later is one of them. */
  reserve(text: string): void {
    if (!text.includes("[")) return;
    for (const match of text.matchAll(PLACEHOLDER)) this.#taken.add(match[0]);
  }

  /**
   * `text` with every original this vault may restore put back under its placeholder: what goes out
   * again (a repair prompt) or into an error, built from an answer whose originals were restored.
   */
  conceal(text: string): string {
    let out = text;
    for (const [placeholder, original] of this.#originals) if (out.includes(original)) out = out.split(original).join(placeholder);
    return out;
  }

  /**
   * The placeholder for a value. `key` is the value normalised (digits only for a card), so that
   * the same card written two ways is one placeholder; the first way it was written is restored.
   */
  placeholder(kind: PiiKind, key: string, original: string, restorable: boolean): string {
    const id = `${kind}\u0000${key}`;
    let placeholder = this.#placeholders.get(id);
    if (placeholder === undefined) {
      let n = this.#counts.get(kind) ?? 0;
      // A number the caller's own text already uses ("reply to [EMAIL_1]") is skipped: restoring
      // must never turn the caller's words into someone's address.
      do placeholder = `[${LABELS[kind]}_${++n}]`;
      while (this.#taken.has(placeholder));
      this.#counts.set(kind, n);
      this.#placeholders.set(id, placeholder);
    }
    if (restorable && !this.#originals.has(placeholder)) {
      this.#originals.set(placeholder, original);
      this.#longest = Math.max(this.#longest, placeholder.length);
    }
    return placeholder;
  }

  /** Whether there is anything to restore. */
  get restorable(): boolean {
    return this.#originals.size > 0;
  }

  /** `text` with the originals back in place of the placeholders this vault may restore. */
  restore(text: string, counted?: RestoreCount): string {
    return this.#replace(text, asIs, counted);
  }

  /** As {@link restore}, for JSON text: each original goes in as a JSON string's content would. */
  restoreJson(text: string, counted?: RestoreCount): string {
    return this.#replace(text, asJsonContent, counted);
  }

  /** Every string in a JSON-like value restored; the value itself when there was nothing to restore. */
  restoreValue(value: unknown): unknown {
    return mapStrings(value, (text) => this.restore(text));
  }

  #replace(text: string, encode: (original: string) => string, counted: RestoreCount | undefined): string {
    if (!text.includes("[")) return text;
    return text.replace(PLACEHOLDER, (placeholder) => {
      const original = this.#originals.get(placeholder);
      if (original === undefined) return placeholder;
      if (counted) counted.count++;
      return encode(original);
    });
  }

  /**
   * Where a placeholder this vault may restore could begin at the end of `text` and be completed by
   * what comes next (`"mail me at [EMA"`), or -1: a stream holds that part back until it knows.
   */
  partialAt(text: string): number {
    const at = text.lastIndexOf("[");
    if (at < 0 || text.length - at >= this.#longest || text.includes("]", at)) return -1;
    const tail = text.slice(at);
    for (const placeholder of this.#originals.keys()) if (placeholder.startsWith(tail)) return at;
    return -1;
  }
}
