import type { JsonSchema } from "../../core/types/schema.js";

/** Keywords strict structured outputs reject; everything else of JSON Schema it takes. */
const UNSUPPORTED = ["allOf", "oneOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties"] as const;

/** Keywords whose value is a schema, a list of schemas or a map of schemas: where the walk goes. */
const SCHEMA_KEYS = ["items", "additionalProperties", "contains", "prefixItems", "anyOf"] as const;
const SCHEMA_MAP_KEYS = ["properties", "$defs", "definitions"] as const;

const verdicts = new WeakMap<object, string | undefined>();

/**
 * Why OpenAI's strict mode would reject a schema, or `undefined` when it takes it. Strict mode
 * wants every object closed (`additionalProperties: false`) with every property in `required`
 * (an optional field is written as a required one that may be `null`), an object at the root, and
 * none of the keywords above. Cached per schema object: the same schema is sent on every call.
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
  const unsupported = UNSUPPORTED.find((keyword) => keyword in schema);
  if (unsupported) return `${at} uses "${unsupported}"`;
  const properties = schema.properties;
  if (schema.type === "object" || (typeof properties === "object" && properties !== null)) {
    if (schema.additionalProperties !== false) return `the object at ${at} does not set additionalProperties: false`;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const optional = Object.keys(properties ?? {}).find((key) => !required.has(key));
    if (optional !== undefined) return `property "${optional}" of ${at} is optional (strict mode wants every property required; make it nullable instead)`;
  }
  for (const key of SCHEMA_KEYS) {
    const value = schema[key];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      const problem = problemIn(child, `${at}/${key}`, depth + 1);
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
