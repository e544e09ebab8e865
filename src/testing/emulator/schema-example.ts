import { isRecord, numberOr, type JsonObject } from "./json-shape.js";

/** Deeper than this, `$ref` cycles and absurd nesting give `null`. */
const maxDepth = 12;

const stringFormats: Readonly<Record<string, string>> = {
  "date-time": "2025-01-01T00:00:00Z",
  date: "2025-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
};

/**
 * A small value that satisfies a JSON Schema: the emulator's tool-call arguments and structured
 * output. Only required properties are filled; strings are `"example"` (or a value of their
 * `format`), numbers 1 (moved into `minimum`/`maximum`), booleans `true`, arrays one item (or
 * `minItems`), enums and `const` their first value, unions their first non-null branch. Gemini's
 * OpenAPI-style upper-case types (`"OBJECT"`) are understood too.
 *
 * @example
 * ```ts
 * exampleFromSchema({ type: "object", properties: { city: { type: "string" } }, required: ["city"] });
 * // → { city: "example" }
 * ```
 */
export function exampleFromSchema(schema: unknown): unknown {
  return example(schema, isRecord(schema) ? schema : {}, 0);
}

function example(schema: unknown, root: JsonObject, depth: number): unknown {
  if (!isRecord(schema) || depth > maxDepth) return depth > maxDepth ? null : "example";
  if (typeof schema.$ref === "string") return example(resolveRef(schema.$ref, root), root, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const union = firstBranch(schema.anyOf) ?? firstBranch(schema.oneOf);
  if (union !== undefined) return example(union, root, depth + 1);
  if (Array.isArray(schema.allOf)) return mergeAll(schema.allOf.map((part) => example(part, root, depth + 1)));

  switch (typeOf(schema)) {
    case "object":
      return objectExample(schema, root, depth);
    case "array":
      return arrayExample(schema, root, depth);
    case "string":
      return stringExample(schema);
    case "integer":
      return numberExample(schema, true);
    case "number":
      return numberExample(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "example";
  }
}

function typeOf(schema: JsonObject): string | undefined {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const declared = types.find((type) => type !== "null" && type !== "NULL");
  if (typeof declared === "string") return declared.toLowerCase();
  if (isRecord(schema.properties)) return "object";
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return "array";
  return undefined;
}

function objectExample(schema: JsonObject, root: JsonObject, depth: number): JsonObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : [];
  const value: JsonObject = {};
  for (const name of required) value[name] = example(properties[name] ?? {}, root, depth + 1);
  return value;
}

function arrayExample(schema: JsonObject, root: JsonObject, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems.map((item) => example(item, root, depth + 1)) : [];
  if (prefix.length > 0) return prefix;
  const count = Math.max(1, numberOr(schema.minItems, 1));
  return Array.from({ length: count }, () => example(schema.items ?? {}, root, depth + 1));
}

function stringExample(schema: JsonObject): string {
  let value = (typeof schema.format === "string" ? stringFormats[schema.format] : undefined) ?? "example";
  const min = numberOr(schema.minLength, 0);
  if (value.length < min) value = value.padEnd(min, "x");
  return value.slice(0, numberOr(schema.maxLength, value.length));
}

function numberExample(schema: JsonObject, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let value = 1;
  const minimum = numberOr(schema.minimum, undefined);
  const exclusiveMinimum = numberOr(schema.exclusiveMinimum, undefined);
  const maximum = numberOr(schema.maximum, undefined);
  const exclusiveMaximum = numberOr(schema.exclusiveMaximum, undefined);
  if (minimum !== undefined && value < minimum) value = minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + step;
  if (maximum !== undefined && value > maximum) value = maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) value = exclusiveMaximum - step;
  return integer ? Math.ceil(value) : value;
}

function firstBranch(branches: unknown): unknown {
  if (!Array.isArray(branches)) return undefined;
  return branches.find((branch) => !(isRecord(branch) && (branch.type === "null" || branch.type === "NULL"))) ?? branches[0];
}

function mergeAll(values: unknown[]): unknown {
  return values.every(isRecord) ? Object.assign({}, ...values) : values[0];
}

/** Local references only (`#/$defs/x`, `#/definitions/x`): tool schemas carry their definitions. */
function resolveRef(ref: string, root: JsonObject): unknown {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  for (const segment of ref.slice(1).split("/").filter(Boolean)) {
    node = isRecord(node) ? node[segment.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return node ?? {};
}
