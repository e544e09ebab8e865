/**
 * Milliseconds in a Go-style duration (`6m0s`, `1s`, `12ms`, `18.642s`: OpenAI's
 * `x-ratelimit-reset-*`) or a protobuf Duration (`37s`, `0.9s`: Gemini's `RetryInfo.retryDelay`):
 * one or more parts of a number (`12`, `0.9`) and a unit (`h`, `m`, `s`, `ms`, `us`, `µs`, `ns`).
 *
 * Read by hand rather than with a RegExp: it runs on every response a limiter sees, twice.
 *
 * @returns `undefined` for anything else.
 */
export function parseDuration(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const s = text.trim();
  if (s === "") return undefined;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    const start = at;
    while (isDigit(s.charCodeAt(at))) at++;
    if (at === start) return undefined;
    if (s.charCodeAt(at) === DOT) {
      const fraction = ++at;
      while (isDigit(s.charCodeAt(at))) at++;
      if (at === fraction) return undefined;
    }
    const value = Number(s.slice(start, at));
    const unit = s.charCodeAt(at);
    const second = s.charCodeAt(at + 1);
    let ms: number;
    if (unit === H) ms = 3_600_000;
    else if (unit === M) ms = second === S ? 1 : 60_000;
    else if (unit === S) ms = 1000;
    else if ((unit === U || unit === MICRO) && second === S) ms = 0.001;
    else if (unit === N && second === S) ms = 0.000001;
    else return undefined;
    // Two letters for all but `h`, `m` and `s`.
    at += unit === H || unit === S || (unit === M && second !== S) ? 1 : 2;
    total += value * ms;
  }
  return total;
}

const DOT = 46;
const H = 104;
const M = 109;
const S = 115;
const U = 117;
const N = 110;
/** `µ`, MICRO SIGN. */
const MICRO = 181;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
