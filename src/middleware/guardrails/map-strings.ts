/**
 * Every string in a JSON-like value (plain objects and arrays, at any depth) passed through `fn`:
 * a copy where something changed, the value itself where nothing did, so an unchanged request or
 * answer costs no allocation.
 */
export function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapStrings(item, fn);
      if (mapped !== item) (out ??= [...(value as unknown[])])[i] = mapped;
    }
    return out ?? value;
  }
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const mapped = mapStrings(item, fn);
    if (mapped !== item) (out ??= { ...value })[key] = mapped;
  }
  return out ?? value;
}
