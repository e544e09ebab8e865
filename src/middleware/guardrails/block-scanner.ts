import type { TextScanner } from "./guard-rules.js";
import type { BlockMatcher } from "./block-matcher.js";

/**
 * A blocklist on a stream's text as it arrives. The last `span` characters are held back until
 * the next delta, so that a blocked term split across deltas (`"ign"`, `"ore previous
 * instructions"`) is found before any of it reaches the caller; each delta is searched with the
 * `span` characters before it, once.
 *
 * A match that ends where the text so far ends is not yet one: `"bomb"` may still become
 * `"bombard"`. It is judged when the next delta (or the end) shows what follows it.
 */
export class BlockScanner implements TextScanner {
  readonly #matcher: BlockMatcher;
  readonly #span: number;
  readonly #onMatch: (reason: string) => never;
  /** The end of the text already let through, as context for what comes. */
  #tail = "";
  /** Whether text before {@link #tail} was let through: a match at its very start may lack its context. */
  #cut = false;
  #held = "";

  constructor(matcher: BlockMatcher, span: number, onMatch: (reason: string) => never) {
    this.#matcher = matcher;
    this.#span = span;
    this.#onMatch = onMatch;
  }

  push(text: string): string {
    this.#held += text;
    const window = this.#tail + this.#held;
    const reason = this.#matcher.find(window, { minStart: this.#cut ? 1 : 0, endBefore: window.length });
    if (reason !== undefined) this.#onMatch(reason);
    if (this.#held.length <= this.#span) return "";
    const release = this.#held.slice(0, this.#held.length - this.#span);
    this.#held = this.#held.slice(-this.#span);
    const passed = this.#tail + release;
    // One more than the span: the character before a match, which a whole-word test looks at.
    if (passed.length > this.#span + 1) {
      this.#tail = passed.slice(-(this.#span + 1));
      this.#cut = true;
    } else this.#tail = passed;
    return release;
  }

  end(): string {
    const window = this.#tail + this.#held;
    const reason = this.#matcher.find(window, { minStart: this.#cut ? 1 : 0, endBefore: Number.POSITIVE_INFINITY });
    if (reason !== undefined) this.#onMatch(reason);
    const rest = this.#held;
    this.#held = "";
    return rest;
  }
}
