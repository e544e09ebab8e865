import { isRecord } from "./json-shape.js";

const STRING_FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"]);

/** Keywords any schema node may carry. */
const COMMON = new Set(["type", "description", "title", "enum", "const", "anyOf", "allOf", "$ref", "$defs", "definitions", "default", "examples"]);

/** Keywords a node of each type may carry besides the common ones. */
const BY_TYPE: Readonly<Record<string, ReadonlySet<string>>> = {
  object: new Set(["properties", "required", "additionalProperties"]),
  array: new Set(["items", "minItems"]),
  // `pattern` is taken, with a regex subset (no backreferences, lookarounds or word boundaries).
  string: new Set(["format", "pattern"]),
  number: new Set(),
  integer: new Set(),
  boolean: new Set(),
  null: new Set(),
};

/**
 * What Anthropic's structured outputs say of a schema outside the subset they take, or
 * `undefined`: no numeric or length bounds, `minItems` only 0 or 1, a fixed list of string
 * formats, every object closed with `additionalProperties: false`, references only to the
 * schema's own definitions.
 * @see https://platform.claude.com/docs/en/build-with-claude/structured-outputs#json-schema-limitations
 */
export function outputSchemaViolation(schema: unknown): string | undefined {
  return isRecord(schema) ? violationIn(schema, schema, 0) : undefined;
}

function violationIn(node: unknown, root: Record<string, unknown>, depth: number): string | undefined {
  if (!isRecord(node) || depth > 200) return undefined;
  if (typeof node.$ref === "string" && !resolves(node.$ref, root)) return `Reference '${node.$ref}' could not be resolved`;
  const types = Array.isArray(node.type) ? node.type.map(String) : typeof node.type === "string" ? [node.type] : [];
  const unknownType = types.find((type) => !BY_TYPE[type]);
  if (unknownType !== undefined) return `Unsupported type '${unknownType}'`;
  // A list of types takes the keywords of each of them.
  const extra = Object.keys(node).find((key) => !COMMON.has(key) && !types.some((type) => BY_TYPE[type]?.has(key)));
  if (extra !== undefined && types.length > 0) return `For '${types.join("' | '")}' type, property '${extra}' is not supported`;
  if (types.includes("object") && node.additionalProperties !== false) return "For 'object' type, 'additionalProperties' must be explicitly set to false";
  if (types.includes("array") && node.minItems !== undefined && node.minItems !== 0 && node.minItems !== 1) {
    return `For 'array' type, 'minItems' values other than 0 or 1 are not supported (got ${JSON.stringify(node.minItems)})`;
  }
  if (typeof node.format === "string" && !STRING_FORMATS.has(node.format)) return `For 'string' type, format '${node.format}' is not supported`;
  const children = [
    ...Object.values(isRecord(node.properties) ? node.properties : {}),
    ...Object.values(isRecord(node.$defs) ? node.$defs : {}),
    ...Object.values(isRecord(node.definitions) ? node.definitions : {}),
    ...listOf(node.anyOf),
    ...listOf(node.allOf),
    node.items,
  ];
  for (const child of children) {
    const problem = violationIn(child, root, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** Only references inside the schema are taken: `#`, `#/$defs/X`, `#/definitions/X`. */
function resolves(ref: string, root: Record<string, unknown>): boolean {
  if (ref === "#") return true;
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  const defs = match ? root[match[1] ?? ""] : undefined;
  return isRecord(defs) && isRecord(defs[match?.[2] ?? ""]);
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
