const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };

/**
 * Milliseconds in a Go-style duration (`6m0s`, `1s`, `12ms`, `18.642s`: OpenAI's
 * `x-ratelimit-reset-*`) or a protobuf Duration (`37s`, `0.9s`: Gemini's `RetryInfo.retryDelay`).
 *
 * @returns `undefined` for anything else.
 */
export function parseDuration(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const match of text.trim().matchAll(re)) {
    if (match.index !== consumed) return undefined;
    total += Number(match[1]) * (units[match[2] as string] as number);
    consumed = match.index + match[0].length;
  }
  return consumed > 0 && consumed === text.trim().length ? total : undefined;
}
