import type { JsonSchema } from "../../core/types/schema.js";

/**
 * The keywords strict structured outputs take: the structure, annotations, and the constraints
 * OpenAI lists as supported (`pattern` and `format` on strings; `multipleOf`, `minimum`,
 * `maximum`, `exclusiveMinimum`, `exclusiveMaximum` on numbers; `minItems`, `maxItems` on arrays).
 * Anything else (`minLength`, `allOf`, `oneOf`, `not`, `if`, `default`, `patternProperties`, ...)
 * is treated as a reason strict mode may reject the schema.
 */
const SUPPORTED = new Set([
  "type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "const", "$ref", "$defs", "definitions",
  "description", "title", "$schema", "$id", "$comment",
  "pattern", "format", "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
]);

/** Keywords whose value is a schema or a list of schemas, and those holding a map of schemas. */
const SCHEMA_KEYS = ["items", "anyOf"] as const;
const SCHEMA_MAP_KEYS = ["properties", "$defs", "definitions"] as const;

const verdicts = new WeakMap<object, string | undefined>();

/**
 * Why OpenAI's strict mode would reject a schema, or `undefined` when it takes it. Strict mode
 * wants every object closed (`additionalProperties: false`) with every property in `required`
 * (an optional field is written as a required one that may be `null`), an object at the root, and
 * only the keywords above. Cached per schema object: the same schema is sent on every call.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
export function strictSchemaProblem(schema: JsonSchema): string | undefined {
  if (verdicts.has(schema)) return verdicts.get(schema);
  const problem = schema.type === "object" ? problemIn(schema, "#", 0) : "its root is not an object";
  verdicts.set(schema, problem);
  return problem;
}

function problemIn(node: unknown, at: string, depth: number): string | undefined {
  if (typeof node !== "object" || node === null || Array.isArray(node) || depth > 64) return undefined;
  const schema = node as Record<string, unknown>;
  const unsupported = Object.keys(schema).find((keyword) => !SUPPORTED.has(keyword));
  if (unsupported !== undefined) return `${at} uses "${unsupported}"`;
  const properties = schema.properties;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object") || (typeof properties === "object" && properties !== null)) {
    if (schema.additionalProperties !== false) return `the object at ${at} does not set additionalProperties: false`;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const optional = Object.keys(properties ?? {}).find((key) => !required.has(key));
    if (optional !== undefined) return `property "${optional}" of ${at} is optional (strict mode wants every property required; make it nullable instead)`;
  }
  for (const key of SCHEMA_KEYS) {
    const value = schema[key];
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, child] of children.entries()) {
      const problem = problemIn(child, Array.isArray(value) ? `${at}/${key}/${index}` : `${at}/${key}`, depth + 1);
      if (problem) return problem;
    }
  }
  for (const key of SCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (typeof map !== "object" || map === null) continue;
    for (const [name, child] of Object.entries(map)) {
      const problem = problemIn(child, `${at}/${key}/${name}`, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}
