import type { PartialArg } from "@google/genai";

type PathKey = string | number;
type Container = Record<string, unknown> | unknown[];

/** One step of the JSONPath subset Gemini addresses arguments with: `.name`, `[0]`, `['name']`. */
const STEP = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;

/**
 * The keys of a JSONPath such as `$.trip.stops[0]['name']`, or `undefined` for a path outside the
 * subset (filters, wildcards, slices), which a single argument value never needs.
 *
 * @see https://datatracker.ietf.org/doc/html/rfc9535
 */
export function parseJsonPath(path: string): PathKey[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const keys: PathKey[] = [];
  for (let at = 1; at < path.length; at = STEP.lastIndex) {
    STEP.lastIndex = at;
    const match = STEP.exec(path);
    if (!match) return undefined;
    const [, name, index, single, double] = match;
    keys.push(index !== undefined ? Number(index) : (name ?? (single ?? double ?? "").replace(/\\(.)/g, "$1")));
  }
  return keys;
}

/**
 * Applies streamed argument fragments (`functionCall.partialArgs`) to the arguments built so far.
 * A string fragment continues the string already at its path (`"Bos"` then `"ton"`); any other
 * value replaces what is there. Fragments with a path outside the subset, or without a value, are
 * skipped.
 *
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling
 */
export function applyPartialArgs(args: Record<string, unknown>, fragments: readonly PartialArg[] | undefined): void {
  for (const fragment of fragments ?? []) {
    const keys = fragment.jsonPath === undefined ? undefined : parseJsonPath(fragment.jsonPath);
    const value = valueOf(fragment);
    if (keys === undefined || keys.length === 0 || value === undefined) continue;
    setAt(args, keys, value.value);
  }
}

function valueOf(fragment: PartialArg): { value: unknown } | undefined {
  if (fragment.stringValue !== undefined) return { value: fragment.stringValue };
  if (fragment.numberValue !== undefined) return { value: fragment.numberValue };
  if (fragment.boolValue !== undefined) return { value: fragment.boolValue };
  if (fragment.nullValue !== undefined) return { value: null };
  return undefined;
}

function setAt(root: Container, keys: readonly PathKey[], value: unknown): void {
  let node = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as PathKey;
    let child = ownValue(node, key);
    if (typeof child !== "object" || child === null) {
      child = typeof keys[i + 1] === "number" ? [] : {};
      defineOwn(node, key, child);
    }
    node = child as Container;
  }
  const last = keys[keys.length - 1] as PathKey;
  const existing = ownValue(node, last);
  defineOwn(node, last, typeof value === "string" && typeof existing === "string" ? existing + value : value);
}

/** Own properties only: an argument named `constructor` must not read `Object.prototype`. */
function ownValue(node: Container, key: PathKey): unknown {
  return Object.hasOwn(node, key) ? (node as Record<PathKey, unknown>)[key] : undefined;
}

/** Defined, not assigned: an argument named `__proto__` stays an ordinary property. */
function defineOwn(node: Container, key: PathKey, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}
