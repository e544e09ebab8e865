/**
 * Something the adapter could not do exactly as asked, reported instead of thrown (for example
 * `seed` on Anthropic, which has no seed).
 */
export interface Warning {
  readonly type: "unsupported" | "other";
  /** The request field concerned, as a path (`seed`, `messages[2].content[0]`). */
  readonly setting?: string;
  readonly message: string;
}
