import { isRecord } from "./json-shape.js";

const STRING_FORMATS = new Set(["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"]);

/** Keywords any schema node may carry. */
const COMMON = new Set(["type", "description", "title", "enum", "const", "anyOf", "allOf", "$ref", "$defs", "definitions", "default", "examples"]);

/** Keywords a node of each type may carry besides the common ones. */
const BY_TYPE: Readonly<Record<string, ReadonlySet<string>>> = {
  object: new Set(["properties", "required", "additionalProperties"]),
  array: new Set(["items", "minItems"]),
  string: new Set(["format"]),
  number: new Set(),
  integer: new Set(),
  boolean: new Set(),
  null: new Set(),
};

/**
 * What Anthropic's structured outputs say of a schema outside the subset they take, or
 * `undefined`: no numeric or length bounds, `minItems` only 0 or 1, a fixed list of string
 * formats, every object closed with `additionalProperties: false`.
 * @see https://platform.claude.com/docs/en/build-with-claude/structured-outputs#json-schema-limitations
 */
export function outputSchemaViolation(schema: unknown): string | undefined {
  return violationIn(schema, 0);
}

function violationIn(node: unknown, depth: number): string | undefined {
  if (!isRecord(node) || depth > 200) return undefined;
  const types = Array.isArray(node.type) ? node.type.map(String) : typeof node.type === "string" ? [node.type] : [];
  for (const type of types) {
    const allowed = BY_TYPE[type];
    if (!allowed) return `Unsupported type '${type}'`;
    const extra = Object.keys(node).find((key) => !COMMON.has(key) && !allowed.has(key));
    if (extra !== undefined) return `For '${type}' type, property '${extra}' is not supported`;
  }
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
    const problem = violationIn(child, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}
