/**
 * The known name a mistyped one most likely meant, or `undefined` when none is close: the same
 * name in another case or in snake_case (`max_tokens` → `maxTokens`), a synonym people reach for,
 * or a typo or two (`provders` → `providers`).
 *
 * @param synonyms lower-case names that mean one of `known` though no edit brings them close.
 */
export function closestName(name: string, known: Iterable<string>, synonyms: Readonly<Record<string, string>> = {}): string | undefined {
  const lower = name.toLowerCase();
  const folded = fold(name);
  const candidates = [...known];
  const meant = Object.hasOwn(synonyms, lower) ? synonyms[lower] : undefined;
  // Only a synonym that object takes: `url` means `baseURL` in a provider, not at the top level.
  if (meant !== undefined && candidates.includes(meant)) return meant;
  let best: string | undefined;
  // Short names allow one edit, anything longer two: a typo, not another word (`colour` is no `model`).
  let bestDistance = folded.length <= 4 ? 2 : 3;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = fold(candidate) === folded ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "maxTokens"?)`, or nothing: for the end of an error message. */
export function didYouMean(name: string, known: Iterable<string>, synonyms?: Readonly<Record<string, string>>): string {
  const meant = closestName(name, known, synonyms);
  return meant === undefined ? "" : ` (did you mean "${meant}"?)`;
}

/** A name with case, `_` and `-` taken away: `max_tokens`, `MaxTokens` and `max-tokens` are one. */
function fold(name: string): string {
  return name.replace(/[_-]/g, "").toLowerCase();
}

/** Edit distance where swapping two neighbours is one edit (`nmae` → `name`); names are short, so the plain table is plenty. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] as number[];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}
