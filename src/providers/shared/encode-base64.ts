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
