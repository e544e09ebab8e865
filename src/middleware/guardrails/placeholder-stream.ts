import type { TextScanner } from "./guard-rules.js";
import type { Vault } from "./vault.js";

/**
 * One stream channel's deltas with the originals put back. A placeholder split across deltas
 * (`"[EMA"`, `"IL_1] wrote"`) is held back until the next delta shows whether it completes one;
 * `end` gives what is still held, as it is.
 */
export class PlaceholderStream implements TextScanner {
  readonly #vault: Vault;
  /** Tool call arguments are JSON: an original goes in escaped as a JSON string's content. */
  readonly #json: boolean;
  #held = "";

  constructor(vault: Vault, json = false) {
    this.#vault = vault;
    this.#json = json;
  }

  push(text: string): string {
    const pending = this.#held === "" ? text : this.#held + text;
    const at = this.#vault.partialAt(pending);
    const ready = at < 0 ? pending : pending.slice(0, at);
    this.#held = at < 0 ? "" : pending.slice(at);
    return this.#json ? this.#vault.restoreJson(ready) : this.#vault.restore(ready);
  }

  end(): string {
    const rest = this.#held;
    this.#held = "";
    return rest;
  }
}
