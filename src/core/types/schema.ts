/**
 * The Standard Schema interface (https://standardschema.dev), implemented by zod 4, valibot and
 * arktype. Declared here so the public types need no schema library.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaIssue[] };

export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** A JSON Schema object (draft 2020-12 subset the providers accept). */
export type JsonSchema = { readonly [key: string]: unknown };

/** Either a JSON Schema object or a zod (Standard Schema) schema. */
export type SchemaInput = JsonSchema | StandardSchemaV1;

/** The output type of a schema: inferred for zod, `unknown` for JSON Schema. */
export type InferSchema<S> = S extends StandardSchemaV1<unknown, infer O> ? O : unknown;
