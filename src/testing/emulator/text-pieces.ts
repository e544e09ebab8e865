/**
 * Text as a list of pieces that join back to it exactly. A piece stands for one token: the unit
 * of usage counts, max-token cuts and stream deltas.
 */

/** Words, each after its leading whitespace: `"Hi there."` → `["Hi", " there."]`. */
export function wordPieces(text: string): string[] {
  return text.split(/(?<=\S)(?=\s)/).filter((piece) => piece !== "");
}

/** JSON text as its strings and the punctuation between them: `{"a":"b"}` → `{`, `"a"`, `:`, `"b"`, `}`. */
export function jsonPieces(text: string): string[] {
  return text.match(/"(?:[^"\\]|\\.)*"|[^"]+/g) ?? [];
}

/**
 * Cuts the pieces just before the earliest stop sequence in their text, as providers do (the
 * sequence itself is not returned).
 */
export function cutAtStop(pieces: readonly string[], stops: readonly string[]): { pieces: string[]; sequence?: string } {
  const text = pieces.join("");
  let hit: { index: number; sequence: string } | undefined;
  for (const sequence of stops) {
    const index = sequence === "" ? -1 : text.indexOf(sequence);
    if (index >= 0 && (hit === undefined || index < hit.index)) hit = { index, sequence };
  }
  if (!hit) return { pieces: [...pieces] };
  const kept: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length + piece.length > hit.index) {
      const head = piece.slice(0, hit.index - length);
      if (head) kept.push(head);
      break;
    }
    kept.push(piece);
    length += piece.length;
  }
  return { pieces: kept, sequence: hit.sequence };
}

/** `text` in `count` pieces of about equal length (fewer when it is shorter); they join to `text`. */
export function splitEvenly(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
