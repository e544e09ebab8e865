/** Anything that can read a response header. */
export type HeaderReader = (name: string) => string | null | undefined;

/** Reads headers from a Fetch `Headers` or a plain record (Gemini's `sdkHttpResponse.headers`). */
export function headerReader(headers: Headers | Readonly<Record<string, string>> | null | undefined): HeaderReader {
  if (!headers) return () => undefined;
  if (headers instanceof Headers) return (name) => headers.get(name);
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => lower.get(name);
}

/**
 * The wait a response asks for: `retry-after-ms` (float ms, OpenAI), else `retry-after` in seconds
 * or as an HTTP date. Negative or unparseable values are ignored.
 */
export function parseRetryAfter(header: HeaderReader, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(header("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = header("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
