import { Buffer } from "node:buffer";
import * as crypto from "node:crypto";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest } from "../../core/types/chat-request.js";

/** Bumped whenever what goes into a key changes, so old entries are never read as new ones. */
export const CACHE_KEY_VERSION = "v1";

/**
 * Request fields that cannot change the answer: how the call is made, not what is asked. Every
 * other field, including any added to `ChatRequest` later, is part of the key (a deny-list, so a
 * new output-affecting field can never be missed). `model` is replaced by the route it resolves
 * to; `metadata` only enters through the namespace.
 */
const NOT_CONTENT: ReadonlySet<string> = new Set(["signal", "timeoutMs", "cache", "metadata", "model"]);

/** Where the request goes, as the key sees it: an alias and the model it names give one key. */
export interface KeyRoute {
  readonly provider: string;
  readonly model: string;
}

export interface KeyParts {
  /** `v1:` and the SHA-256 (hex) of {@link material}. */
  readonly key: string;
  /** The canonical JSON that was hashed: what went into the key. */
  readonly material: string;
}

/**
 * The cache key of a request: a versioned SHA-256 of its canonical form. Object keys are sorted,
 * `undefined` fields left out, zod schemas written as their JSON Schema, and the bytes of image and
 * file parts hashed (base64 text and a `Uint8Array` of the same bytes give one key).
 */
export function cacheKeyOf(request: ChatRequest, route: KeyRoute, namespace: string): KeyParts {
  // Written in sorted key order, as canonical() writes every object.
  const outer = requestBeingKeyed;
  requestBeingKeyed = request;
  let content: string;
  try {
    content = canonical(request, NOT_CONTENT);
  } finally {
    requestBeingKeyed = outer;
  }
  const material = `{"namespace":${JSON.stringify(namespace)},"request":${content},"route":{"model":${JSON.stringify(route.model)},"provider":${JSON.stringify(route.provider)}}}`;
  return { key: `${CACHE_KEY_VERSION}:${sha256(material)}`, material };
}

/** `crypto.hash` (Node 20.12+) hashes in one call, a third faster than a `Hash` object for short input. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }).hash;

function sha256(data: string | Uint8Array): string {
  return oneShot ? oneShot("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
}

/** Object keys as JSON: a small vocabulary (`role`, `content`, `type`, ...), quoted once. */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * Deterministic JSON: sorted keys, schemas in their JSON Schema form, and otherwise what
 * `JSON.stringify` (which the SDKs send) makes of a value: `toJSON` is honoured, `undefined`,
 * functions and symbols are left out of objects (and are `null` in arrays).
 *
 * @throws TypeError for what JSON cannot hold (a `BigInt`): the SDK could not send it either.
 */
function canonical(value: unknown, skip?: ReadonlySet<string>): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return absent(value) ? "null" : JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonical(value[i]);
    return `${out}]`;
  }
  if ("~standard" in value || "_zod" in value) return canonical(toJsonSchema(value));
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonical((value as { toJSON(): unknown }).toJSON());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const field = record[key];
    if (absent(field) || skip?.has(key)) continue;
    const text = key === "messages" && Array.isArray(field) && record === requestBeingKeyed ? messagesOf(field) : canonical(field);
    out += `${first ? "" : ","}${quoted(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** What `JSON.stringify` leaves out of an object. */
function absent(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** The request whose `messages` are being written: only its content parts carry bytes to hash. */
let requestBeingKeyed: object | undefined;

/** Messages, with the `data` of their image and file parts keyed by the bytes' hash. */
function messagesOf(messages: readonly unknown[]): string {
  let out = "[";
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as { content?: unknown } | undefined;
    const content = message?.content;
    out += i === 0 ? "" : ",";
    if (!Array.isArray(content) || !content.some(isBinaryPart)) {
      out += canonical(message);
      continue;
    }
    const parts = content.map((part: unknown) => (isBinaryPart(part) ? { ...part, data: new BytesMark(part.data) } : part));
    out += canonical({ ...message, content: parts });
  }
  return `${out}]`;
}

function isBinaryPart(part: unknown): part is { type: "image" | "file"; data: string | Uint8Array } {
  if (typeof part !== "object" || part === null) return false;
  const { type, data } = part as { type?: unknown; data?: unknown };
  return (type === "image" || type === "file") && (typeof data === "string" || data instanceof Uint8Array);
}

/** Stands for bytes in the canonical form: their hash, never the payload. */
class BytesMark {
  readonly #data: string | Uint8Array;
  constructor(data: string | Uint8Array) {
    this.#data = data;
  }
  toJSON(): unknown {
    if (this.#data instanceof Uint8Array) return { $bytes: sha256(this.#data) };
    const bytes = Buffer.from(this.#data, "base64");
    // Base64 decoding forgives a lot (stray characters, text after padding); only text that is the
    // bytes' own encoding is keyed as those bytes, anything else by its text, so that two different
    // strings never share a key.
    return bytes.toString("base64") === this.#data ? { $bytes: sha256(bytes) } : { $text: sha256(this.#data) };
  }
}

