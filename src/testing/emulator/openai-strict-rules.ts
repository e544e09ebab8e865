import { isRecord } from "./json-shape.js";

/**
 * What OpenAI's strict structured outputs say of a schema they will not take, worded as the API
 * words it (`In context=('properties', 'address'), ...`), or `undefined`. The rules: every object
 * lists every property in `required` and sets `additionalProperties: false`; the root is an
 * object; composition other than `anyOf` and the keywords the guide does not list as supported
 * (`minLength`, `maxLength`, `patternProperties`, `propertyNames`, `uniqueItems`, ...) are refused.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
export function strictSchemaViolation(schema: unknown): string | undefined {
  if (!isRecord(schema) || schema.type !== "object") return "In context=(), schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + String(isRecord(schema) ? schema.type : schema) + "\"'.";
  return violationAt(schema, []);
}

const NOT_SUPPORTED = [
  "allOf", "oneOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties",
  "minLength", "maxLength", "unevaluatedProperties", "propertyNames", "minProperties", "maxProperties", "uniqueItems", "contains",
];

function violationAt(node: unknown, context: readonly string[]): string | undefined {
  if (!isRecord(node) || context.length > 200) return undefined;
  const where = `In context=(${context.map((part) => `'${part}'`).join(", ")})`;
  const keyword = NOT_SUPPORTED.find((key) => key in node);
  if (keyword) return `${where}, '${keyword}' is not permitted.`;
  if (node.type === "object" || isRecord(node.properties)) {
    const properties = isRecord(node.properties) ? Object.keys(node.properties) : [];
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = properties.filter((key) => !required.includes(key));
    if (missing.length > 0) {
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    }
    if (node.additionalProperties !== false) return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
  }
  const children: [string[], unknown][] = [];
  for (const mapKey of ["properties", "$defs", "definitions"]) {
    const map = node[mapKey];
    if (isRecord(map)) for (const [name, child] of Object.entries(map)) children.push([[...context, mapKey, name], child]);
  }
  if (node.items !== undefined) children.push([[...context, "items"], node.items]);
  if (Array.isArray(node.anyOf)) node.anyOf.forEach((child: unknown, index) => children.push([[...context, "anyOf", String(index)], child]));
  for (const [at, child] of children) {
    const problem = violationAt(child, at);
    if (problem) return problem;
  }
  return undefined;
}
