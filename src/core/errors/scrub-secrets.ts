const REDACTED = "[redacted]";

/** Shorter strings are not real keys, and replacing them would garble every message. */
const MIN_SECRET_LENGTH = 4;

/**
 * Bounds on the walk: errors are small graphs, but a huge one (a structured-output error carrying a
 * long stream's raw chunks) must not stall the error path. What lies beyond is replaced by
 * {@link UNSCRUBBED}, never left as it was: the guarantee is no key, not every detail.
 */
const MAX_DEPTH = 64;
const MAX_NODES = 50_000;
const UNSCRUBBED = "[not scrubbed: too deep, left out]";

/**
 * Replaces every occurrence of each secret in every string reachable from `root`: own properties
 * of any kind (non-enumerable, symbol-keyed, accessors), at any depth, through `cause` chains,
 * arrays, `Map`s, `Set`s and `Headers`. This is what a logger can reach (`util.inspect` with
 * `showHidden`, `JSON.stringify`, `err.stack`), so it is what must be clean.
 *
 * Objects are changed in place (an error is ours once caught); what cannot be changed in place (a
 * frozen object, a response's immutable `Headers`) is replaced in its parent by a scrubbed copy.
 * Returns `root`, or its copy when `root` itself could not be changed.
 */
export function scrubSecrets<T>(root: T, secrets: readonly (string | undefined)[]): T {
  const keys = usable(secrets);
  if (keys.length === 0) return root;
  return new Scrubber(keys).value(root, 0) as T;
}

/** Removes each secret from one string. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of usable(secrets)) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
  return out;
}

/** The secrets worth searching for, longest first: one key of a pool may begin with another. */
function usable(secrets: readonly (string | undefined)[]): string[] {
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

class Scrubber {
  readonly #secrets: readonly string[];
  /** Each object visited, and what replaces it (itself when it was scrubbed in place). */
  readonly #seen = new Map<object, unknown>();

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets;
  }

  value(value: unknown, depth: number): unknown {
    if (typeof value === "string") return redactSecrets(value, this.#secrets);
    if (typeof value !== "object" || value === null) return value;
    if (this.#seen.has(value)) return this.#seen.get(value);
    if (depth > MAX_DEPTH || this.#seen.size >= MAX_NODES) return UNSCRUBBED;
    this.#seen.set(value, value);
    const replaced = this.#object(value, depth);
    this.#seen.set(value, replaced);
    return replaced;
  }

  #object(object: object, depth: number): unknown {
    if (typeof Headers !== "undefined" && object instanceof Headers) return this.#headers(object);
    // A URL keeps its parts in private fields, out of reach: one that holds a key becomes its clean text.
    if (typeof URL !== "undefined" && object instanceof URL) return redactSecrets(object.href, this.#secrets) === object.href ? object : redactSecrets(object.href, this.#secrets);
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return object;
    if (object instanceof Map) this.#map(object, depth);
    else if (object instanceof Set) this.#set(object, depth);
    let copy: Record<PropertyKey, unknown> | undefined;
    if (object instanceof Error) this.#inheritedText(object);
    for (const key of Reflect.ownKeys(object)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
      if (!descriptor) continue;
      let current: unknown;
      if ("value" in descriptor) current = descriptor.value;
      else if (descriptor.get) {
        try {
          current = descriptor.get.call(object);
        } catch {
          continue;
        }
      } else continue;
      const next = this.value(current, depth + 1);
      if (next === current) continue;
      const data = { value: next, writable: true, enumerable: descriptor.enumerable ?? false, configurable: true };
      if (!Reflect.defineProperty(object, key, data)) {
        copy ??= copyOf(object);
        Reflect.defineProperty(copy, key, data);
      }
    }
    return copy ?? object;
  }

  /** A `DOMException` (fetch's `AbortError`) has its `message` on the prototype: shadow it with a clean own one. */
  #inheritedText(error: Error): void {
    for (const key of ["message", "stack"] as const) {
      if (Object.hasOwn(error, key)) continue;
      const text = error[key];
      if (typeof text !== "string") continue;
      const clean = redactSecrets(text, this.#secrets);
      if (clean !== text) Reflect.defineProperty(error, key, { value: clean, writable: true, enumerable: false, configurable: true });
    }
  }

  #headers(headers: Headers): Headers {
    const entries = [...headers];
    const dirty = (text: string): boolean => redactSecrets(text, this.#secrets) !== text;
    if (!entries.some(([name, value]) => dirty(name) || dirty(value))) return headers;
    const clean = entries.map(([name, value]): [string, string] => [redactSecrets(name, this.#secrets), redactSecrets(value, this.#secrets)]);
    try {
      for (const [name] of entries) headers.delete(name);
      for (const [name, value] of clean) headers.append(name, value);
      return headers;
    } catch {
      // A fetch response's headers are immutable: the parent gets a clean copy instead.
      return new Headers(clean);
    }
  }

  #map(map: Map<unknown, unknown>, depth: number): void {
    for (const [key, value] of [...map]) {
      const cleanKey = this.value(key, depth + 1);
      const cleanValue = this.value(value, depth + 1);
      if (cleanKey === key && cleanValue === value) continue;
      map.delete(key);
      map.set(cleanKey, cleanValue);
    }
  }

  #set(set: Set<unknown>, depth: number): void {
    for (const value of [...set]) {
      const clean = this.value(value, depth + 1);
      if (clean === value) continue;
      set.delete(value);
      set.add(clean);
    }
  }
}

/** A copy of a frozen object with the same prototype and own properties, to be scrubbed instead. */
function copyOf(object: object): Record<PropertyKey, unknown> {
  const copy = Object.create(Object.getPrototypeOf(object) as object | null) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(object)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
    if (descriptor) Reflect.defineProperty(copy, key, { ...descriptor, configurable: true, ...("value" in descriptor ? { writable: true } : {}) });
  }
  return copy;
}
