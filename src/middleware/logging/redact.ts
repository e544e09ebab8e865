const REDACTED = "[redacted]";

/**
 * What an API key looks like: OpenAI's `sk-…` and `sk-proj-…`, Anthropic's `sk-ant-…`, Google's
 * `AIza…`, and any bearer token. The logger never sees the configured keys, so it redacts what
 * looks like one; core has already scrubbed the configured keys from every error.
 */
export const KEY_PATTERNS: readonly RegExp[] = [/\bsk-[A-Za-z0-9][A-Za-z0-9_-]{6,}/g, /\bAIza[0-9A-Za-z_-]{10,}/g, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi];

/** A record's walk stops this deep (records are shallow; content is a few levels). */
const MAX_DEPTH = 32;

/**
 * A copy of `value` fit for a log line with every match of `patterns` in every string replaced:
 * plain objects and arrays are copied, binary data is summarised by its size, and what is too deep
 * is left out.
 */
export function redactValue(value: unknown, patterns: readonly RegExp[], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, patterns);
  if (typeof value !== "object" || value === null) return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (depth > MAX_DEPTH) return "[too deep]";
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary: ${value.byteLength} bytes]`;
  if (value instanceof URL) return redactText(value.href, patterns);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, patterns, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const clean = redactValue(item, patterns, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

export function redactText(text: string, patterns: readonly RegExp[]): string {
  let out = text;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, REDACTED);
  }
  return out;
}
