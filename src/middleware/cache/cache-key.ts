import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
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
  const content: Record<string, unknown> = {};
  for (const field in request) {
    if (!NOT_CONTENT.has(field)) content[field] = (request as unknown as Record<string, unknown>)[field];
  }
  const material = canonical({ namespace, route: { provider: route.provider, model: route.model }, request: content });
  return { key: `${CACHE_KEY_VERSION}:${sha256(material)}`, material };
}

function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Deterministic JSON: sorted keys, no `undefined`, schemas and bytes in their canonical form. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return value === undefined ? "null" : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Uint8Array) return `{"$bytes":"${sha256(value)}"}`;
  if ("~standard" in value || "_zod" in value) return canonical(toJsonSchema(value));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  const isBinaryPart = (record.type === "image" || record.type === "file") && record.data !== undefined;
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const field = record[key];
    const text = isBinaryPart && key === "data" ? `{"$bytes":"${sha256(bytesOf(field))}"}` : canonical(field);
    out += `${i === 0 ? "" : ","}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  return typeof data === "string" ? Buffer.from(data, "base64") : new Uint8Array();
}
