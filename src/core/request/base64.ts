/** Base64 of inline data: a string is assumed to be base64 already. */
export function toBase64(data: string | Uint8Array): string {
  if (typeof data === "string") return data;
  const buffer = (globalThis as { Buffer?: { from(d: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (buffer) return buffer.from(data).toString("base64");
  let binary = "";
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A `data:` URL for inline data. */
export function toDataUrl(data: string | Uint8Array, mediaType: string): string {
  return `data:${mediaType};base64,${toBase64(data)}`;
}

/** The UTF-8 text of inline data (a string is base64, as everywhere in message parts). */
export function decodeBase64Text(data: string | Uint8Array): string {
  const bytes = typeof data === "string" ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : data;
  return new TextDecoder().decode(bytes);
}

/**
 * The media type and base64 payload of a base64 `data:` URL, for providers that take inline data
 * but not data URLs (Anthropic, Gemini). `undefined` for any other URL.
 */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s.exec(url);
  return match ? { mediaType: (match[1] as string).toLowerCase(), data: match[2] as string } : undefined;
}

/** Base64 of a text's UTF-8 bytes: inline data made from text. */
export function encodeBase64Text(text: string): string {
  return toBase64(new TextEncoder().encode(text));
}
