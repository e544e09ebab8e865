import type { JsonSchema } from "../../core/types/schema.js";
import type { Warning } from "../../core/types/warning.js";

/** String formats structured outputs take; any other `format` is only described. */
const STRING_FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"]);

/** Keywords kept as they are on every schema; the type-specific ones are handled below. */
const ANNOTATIONS = ["description", "title"] as const;

export interface AnthropicOutputSchema {
  readonly schema: JsonSchema;
  /** The keywords moved into descriptions, as `#/properties/age: minimum, maximum`; empty when none. */
  readonly moved: readonly string[];
  /** The warning to report when something moved, made once per schema. */
  readonly warning?: Warning;
}

const transformed = new WeakMap<object, AnthropicOutputSchema>();

/**
 * A JSON Schema in the subset Anthropic's structured outputs accept. Whatever the subset lacks
 * (numeric and length bounds, `minItems` above 1, `pattern`, unknown formats, ...) is not dropped
 * but written into the schema's `description`, as the SDK's own output-format helpers do: the
 * model still reads the constraint, and proxyless still validates the answer against the original
 * schema. Every object is closed (`additionalProperties: false`), which the API requires.
 * Cached per schema object.
 *
 * @throws Error for a schema node with neither `type` nor `enum`/`const`/`anyOf`/`oneOf`/`allOf`/`$ref`:
 *   the API needs one of them.
 * @see https://platform.claude.com/docs/en/build-with-claude/structured-outputs#json-schema-limitations
 */
export function toAnthropicOutputSchema(schema: JsonSchema): AnthropicOutputSchema {
  const cached = transformed.get(schema);
  if (cached) return cached;
  const moved: string[] = [];
  const subset = subsetOf(schema, "#", moved);
  const warning: Warning | undefined =
    moved.length === 0
      ? undefined
      : // Frozen: the same object goes into the warnings of every call with this schema.
        Object.freeze({
          type: "other",
          setting: "responseFormat.schema",
          message: `keywords Anthropic structured outputs do not take were moved into descriptions (the answer is still validated against them): ${moved.join("; ")}`,
        });
  const result = { schema: subset, moved, ...(warning ? { warning } : {}) };
  transformed.set(schema, result);
  return result;
}

function subsetOf(source: JsonSchema, at: string, moved: string[]): JsonSchema {
  const rest: Record<string, unknown> = { ...source };
  const take = (key: string): unknown => {
    const value = rest[key];
    delete rest[key];
    return value;
  };
  const out: Record<string, unknown> = {};
  for (const key of ["$defs", "definitions"] as const) {
    const defs = rest[key];
    if (!isSchemaMap(defs)) continue;
    delete rest[key];
    out[key] = mapValues(defs, (child, name) => subsetOf(child, `${at}/${key}/${name}`, moved));
  }
  const ref = take("$ref");
  // Siblings of `$ref` are not read by the API: the reference says it all.
  if (typeof ref === "string") return { ...out, $ref: ref };

  take("$schema");
  const literals = takeLiterals(rest, out);
  const type = take("type");
  const types: unknown[] = literals ? [] : Array.isArray(type) ? type : [type];
  const union = Array.isArray(rest.anyOf) ? take("anyOf") : Array.isArray(rest.oneOf) ? take("oneOf") : undefined;
  if (Array.isArray(union)) out.anyOf = union.map((child: JsonSchema, i) => subsetOf(child, `${at}/anyOf/${i}`, moved));
  // allOf only where no union stands: next to one it stays behind, in the description.
  else if (Array.isArray(rest.allOf)) out.allOf = (take("allOf") as JsonSchema[]).map((child, i) => subsetOf(child, `${at}/allOf/${i}`, moved));
  else if (!literals) {
    if (type === undefined) throw new Error(`${at} has no "type": Anthropic structured outputs need one (or enum, const, anyOf, $ref)`);
    out.type = type;
  }
  for (const key of ANNOTATIONS) if (rest[key] !== undefined) out[key] = take(key);

  if (types.includes("object")) {
    const properties = take("properties");
    out.properties = isSchemaMap(properties) ? mapValues(properties, (child, name) => subsetOf(child, `${at}/properties/${name}`, moved)) : {};
    take("additionalProperties");
    out.additionalProperties = false;
    const required = take("required");
    if (required !== undefined) out.required = required;
  }
  if (types.includes("string") && typeof rest.format === "string" && STRING_FORMATS.has(rest.format)) out.format = take("format");
  if (types.includes("array")) {
    // A tuple's list of item schemas is not in the subset: it stays behind, in the description.
    if (isSchema(rest.items)) out.items = subsetOf(take("items") as JsonSchema, `${at}/items`, moved);
    if (rest.minItems === 0 || rest.minItems === 1) out.minItems = take("minItems");
  }

  const unsupported = Object.keys(rest).filter((key) => rest[key] !== undefined);
  if (unsupported.length === 0) return out;
  moved.push(`${at}: ${unsupported.join(", ")}`);
  const described = `{${unsupported.map((key) => `${key}: ${JSON.stringify(rest[key])}`).join(", ")}}`;
  out.description = typeof out.description === "string" ? `${out.description}\n\n${described}` : described;
  return out;
}

/** Primitive `enum`/`const` values are kept and stand in for the type. */
function takeLiterals(rest: Record<string, unknown>, out: Record<string, unknown>): boolean {
  const values = rest.enum;
  if (Array.isArray(values) && values.length > 0 && values.every(isPrimitive)) {
    out.enum = values;
    delete rest.enum;
  }
  if (rest.const !== undefined && isPrimitive(rest.const)) {
    out.const = rest.const;
    delete rest.const;
  }
  if (!("enum" in out || "const" in out)) return false;
  // The literals say more than the type, which would only be one more keyword to check.
  delete rest.type;
  return true;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSchemaMap(value: unknown): value is Record<string, JsonSchema> {
  return isSchema(value) && Object.values(value).every(isSchema);
}

function mapValues(map: Record<string, JsonSchema>, fn: (child: JsonSchema, name: string) => JsonSchema): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(map).map(([name, child]) => [name, fn(child, name)]));
}
