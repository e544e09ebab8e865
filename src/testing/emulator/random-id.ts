import { randomBytes } from "node:crypto";

const base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const hex = "0123456789abcdef";

/**
 * `prefix` plus `length` random characters, shaped like the providers' own ids
 * (`chatcmpl-…`, `msg_01…`, `req_…`). Ids are the one part of an answer that is not deterministic,
 * as with the real APIs.
 */
export function randomId(prefix: string, length: number, alphabet: "base62" | "hex" = "base62"): string {
  const chars = alphabet === "hex" ? hex : base62;
  let id = prefix;
  for (const byte of randomBytes(length)) id += chars[byte % chars.length] as string;
  return id;
}
