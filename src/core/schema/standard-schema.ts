import { z } from "zod";
import type { JsonSchema, SchemaInput, StandardSchemaResult, StandardSchemaV1 } from "../types/schema.js";
import type { ValidationIssue } from "../errors/validation-error.js";
import { toValidationIssues } from "./format-issues.js";

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return typeof value === "object" && value !== null && "~standard" in value;
}

function isZod4(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}

const jsonSchemaCache = new WeakMap<object, JsonSchema>();
const validatorCache = new WeakMap<object, StandardSchemaV1>();

/**
 * The JSON Schema to send to a provider for a schema input. zod schemas are converted once and
 * cached per schema object: requests reuse the same tool definitions on every call.
 *
 * @throws Error when the schema is neither JSON Schema nor a zod 4 schema.
 */
export function toJsonSchema(schema: SchemaInput): JsonSchema {
  const cached = jsonSchemaCache.get(schema);
  if (cached) return cached;
  let json: JsonSchema;
  if (isZod4(schema)) {
    // `$schema` is dropped: Gemini rejects unknown keywords and the others do not need it.
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
    json = rest;
  } else if (isStandardSchema(schema)) {
    throw new Error(
      `a ${schema["~standard"].vendor} schema cannot be converted to JSON Schema: pass a zod 4 schema or a JSON Schema object`,
    );
  } else {
    json = schema;
  }
  jsonSchemaCache.set(schema, json);
  return json;
}

function validatorFor(schema: SchemaInput): StandardSchemaV1 {
  if (isStandardSchema(schema)) return schema;
  let validator = validatorCache.get(schema);
  if (!validator) {
    validator = z.fromJSONSchema(schema);
    validatorCache.set(schema, validator);
  }
  return validator;
}

/** Validates a value against a JSON Schema or Standard Schema; returns the (possibly transformed) value. */
export async function validateWithSchema(
  schema: SchemaInput,
  value: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] }> {
  const result: StandardSchemaResult<unknown> = await validatorFor(schema)["~standard"].validate(value);
  if (result.issues) return { ok: false, issues: toValidationIssues(result.issues) };
  return { ok: true, value: result.value };
}
