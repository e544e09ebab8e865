/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** Narrows parsed JSON to an object. */
export function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The records in an array value; anything else gives an empty list. */
export function recordsOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The value if it is a string, else the fallback. */
export function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === "string" ? value : fallback;
}

/** The value if it is a finite number, else the fallback. */
export function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** A string or a list of strings as a list (stop sequences come both ways). */
export function stringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * The characters of every string inside a value: a provider-neutral size of a prompt, whatever
 * its shape. Binary data (base64 images) counts too, which real tokenizers do not; fine for an
 * emulator's estimate.
 */
export function countTextChars(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countTextChars(item), 0);
  if (isRecord(value)) return Object.values(value).reduce((sum: number, item) => sum + countTextChars(item), 0);
  return 0;
}

/**
 * The text inside message content of any of the three shapes: a string, a list of parts with
 * `text`, or blocks that nest their own `content` (Anthropic `tool_result`). Parts are joined
 * with a space.
 */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map(textOf).filter(Boolean).join(" ");
  if (!isRecord(content)) return "";
  return typeof content.text === "string" ? content.text : textOf(content.content);
}

/** Token estimate from characters: about 4 characters a token, at least 1. */
export function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

/** `JSON.parse` without throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
