/**
 * Limits the providers publish in prose rather than in their machine-readable definitions, as
 * JSON Schema, each with the words it comes from. The request-shape checks apply them on top of the
 * vendored definitions (test/fixtures/schemas). `x-allPropertiesRequired` is a keyword of ours
 * (see request-schemas.ts): strict mode's "all fields must be required".
 */

/** OpenAI: the spec's descriptions, and the strict structured-outputs rules. */
export const openaiDocumentedLimits = {
  $comment:
    "FunctionObject.name and ResponseFormatJsonSchema.json_schema.name: 'Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.' " +
    "Strict structured outputs (platform.openai.com/docs/guides/structured-outputs#supported-schemas): 'all fields must be required', " +
    "'additionalProperties: false must always be set in objects', 'the root level object must not be anyOf and must be an object', " +
    "composition keywords allOf, not, dependentRequired, dependentSchemas, if, then, else are not supported. " +
    "tool_choice: the API answers \"'tool_choice' is only allowed when 'tools' are specified\".",
  type: "object",
  if: { required: ["tool_choice"] },
  then: { required: ["tools"], properties: { tools: { minItems: 1 } } },
  properties: {
    tools: { type: "array", items: { properties: { function: { properties: { name: { type: "string", pattern: "^[a-zA-Z0-9_-]{1,64}$" } } } } } },
    response_format: {
      properties: { json_schema: { properties: { name: { type: "string", pattern: "^[a-zA-Z0-9_-]{1,64}$" } } } },
      if: { required: ["json_schema"], properties: { json_schema: { required: ["strict"], properties: { strict: { const: true } } } } },
      then: { properties: { json_schema: { properties: { schema: { type: "object", required: ["type"], properties: { type: { const: "object" } }, $ref: "#/$defs/strictNode" } } } } },
    },
  },
  $defs: {
    strictNode: {
      not: { anyOf: ["allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "patternProperties"].map((key) => ({ required: [key] })) },
      if: { anyOf: [{ required: ["properties"] }, { properties: { type: { const: "object" } }, required: ["type"] }] },
      then: { required: ["additionalProperties"], properties: { additionalProperties: { const: false } }, "x-allPropertiesRequired": true },
      properties: {
        properties: { additionalProperties: { $ref: "#/$defs/strictNode" } },
        $defs: { additionalProperties: { $ref: "#/$defs/strictNode" } },
        items: { $ref: "#/$defs/strictNode" },
        anyOf: { items: { $ref: "#/$defs/strictNode" } },
      },
    },
  },
} as const;

/** Anthropic: the structured-outputs subset, and thinking with tool choice. */
export const anthropicDocumentedLimits = {
  $comment:
    "Structured outputs, 'JSON Schema limitations' (platform.claude.com/docs/en/build-with-claude/structured-outputs): not supported: " +
    "'Numerical constraints (minimum, maximum, multipleOf, etc.)', 'String constraints (minLength, maxLength)', 'Array constraints beyond minItems of 0 or 1', " +
    "'additionalProperties set to anything other than false'. Extended thinking (platform.claude.com/docs/en/build-with-claude/extended-thinking): " +
    "'Tool use with thinking only supports tool_choice: {\"type\": \"auto\"} (the default) or tool_choice: {\"type\": \"none\"}'.",
  type: "object",
  properties: {
    output_config: { properties: { format: { properties: { schema: { $ref: "#/$defs/subsetNode" } } } } },
  },
  if: { required: ["thinking"], properties: { thinking: { properties: { type: { enum: ["enabled", "adaptive"] } } } } },
  then: { properties: { tool_choice: { properties: { type: { enum: ["auto", "none"] } } } } },
  $defs: {
    subsetNode: {
      not: {
        anyOf: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems", "patternProperties"].map((key) => ({
          required: [key],
        })),
      },
      properties: {
        minItems: { enum: [0, 1] },
        properties: { additionalProperties: { $ref: "#/$defs/subsetNode" } },
        $defs: { additionalProperties: { $ref: "#/$defs/subsetNode" } },
        items: { $ref: "#/$defs/subsetNode" },
        anyOf: { items: { $ref: "#/$defs/subsetNode" } },
        allOf: { items: { $ref: "#/$defs/subsetNode" } },
      },
      if: { properties: { type: { const: "object" } }, required: ["type"] },
      then: { required: ["additionalProperties"], properties: { additionalProperties: { const: false } } },
    },
  },
} as const;

/** Gemini: the Discovery document's descriptions and the API reference. */
export const geminiDocumentedLimits = {
  $comment:
    "GenerationConfig.stopSequences: 'The set of character sequences (up to 5) that will stop output generation.' " +
    "FunctionDeclaration.name: 'Must be a-z, A-Z, 0-9, or contain underscores, colons, dots, and dashes, with a maximum length of 128', " +
    "and the API's own error: 'Invalid function name. Must start with a letter or an underscore.' " +
    "ToolConfig: the API answers 'Function calling config is set without function_declarations' to a config with nothing to call.",
  type: "object",
  properties: {
    generationConfig: { properties: { stopSequences: { type: "array", maxItems: 5 } } },
    tools: { items: { properties: { functionDeclarations: { items: { properties: { name: { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$" } } } } } } },
  },
  if: { required: ["toolConfig"], properties: { toolConfig: { required: ["functionCallingConfig"] } } },
  then: { required: ["tools"], properties: { tools: { contains: { required: ["functionDeclarations"], properties: { functionDeclarations: { minItems: 1 } } } } } },
} as const;

/**
 * ThinkingConfig.thinkingLevel: "Recommended for Gemini 3 or later models. Use with earlier models
 * results in an error." It depends on the model of the URL, which no body schema sees.
 */
export function geminiThinkingLevelProblem(body: { generationConfig?: { thinkingConfig?: { thinkingLevel?: unknown } } }, model: string): string | undefined {
  const major = Number(/^(?:models\/)?gemini-(\d+)/.exec(model)?.[1] ?? Number.NaN);
  const level = body.generationConfig?.thinkingConfig?.thinkingLevel;
  return level !== undefined && !(major >= 3) ? `thinkingLevel ${JSON.stringify(level)} sent to ${model}, which is before Gemini 3` : undefined;
}
