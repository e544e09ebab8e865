const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, "µs": 0.001, ns: 0.000001 };
/**
 * One part of a duration, sticky: each must start where the last ended. One object for every
 * call (a literal in the function would be a new RegExp per call): read on every response a limiter sees.
 */
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/y;

/**
 * Milliseconds in a Go-style duration (`6m0s`, `1s`, `12ms`, `18.642s`: OpenAI's
 * `x-ratelimit-reset-*`) or a protobuf Duration (`37s`, `0.9s`: Gemini's `RetryInfo.retryDelay`).
 *
 * @returns `undefined` for anything else.
 */
export function parseDuration(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const part = PART;
  part.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(trimmed)) !== null) {
    total += Number(match[1]) * (units[match[2] as string] as number);
    consumed = part.lastIndex;
  }
  return consumed > 0 && consumed === trimmed.length ? total : undefined;
}
