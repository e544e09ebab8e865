import type { FieldRule } from "./field-rules.js";

/**
 * The top-level parameters of `CreateChatCompletionRequest` in OpenAI's OpenAPI spec: anything
 * else is "Unrecognized request argument supplied".
 * @see https://github.com/openai/openai-openapi
 */
export const OPENAI_PARAMETERS: ReadonlySet<string> = new Set([
  "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens",
  "messages", "metadata", "modalities", "model", "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty",
  "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format", "safety_identifier",
  "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature", "tool_choice", "tools", "top_logprobs",
  "top_p", "user", "verbosity", "web_search_options",
]);

/** The spec's types, ranges, enums and array limits, plus the name rules its descriptions state. */
export const OPENAI_FIELD_RULES: readonly FieldRule[] = [
  { path: "messages", type: "array", minItems: 1 },
  { path: "temperature", type: "number", min: 0, max: 2 },
  { path: "top_p", type: "number", min: 0, max: 1 },
  { path: "frequency_penalty", type: "number", min: -2, max: 2 },
  { path: "presence_penalty", type: "number", min: -2, max: 2 },
  { path: "n", type: "integer", min: 1, max: 128 },
  { path: "max_completion_tokens", type: "integer" },
  { path: "max_tokens", type: "integer" },
  { path: "seed", type: "integer" },
  { path: "logprobs", type: "boolean" },
  { path: "top_logprobs", type: "integer", min: 0, max: 20 },
  { path: "stream", type: "boolean" },
  { path: "store", type: "boolean" },
  { path: "parallel_tool_calls", type: "boolean" },
  { path: "stop", type: ["string", "array"], minItems: 1, maxItems: 4 },
  { path: "stop[]", type: "string" },
  { path: "reasoning_effort", type: "string", enum: ["none", "minimal", "low", "medium", "high", "xhigh", "max"] },
  { path: "verbosity", type: "string", enum: ["low", "medium", "high"] },
  { path: "service_tier", type: "string", enum: ["auto", "default", "flex", "scale", "priority", "fast"] },
  { path: "safety_identifier", type: "string", maxLength: 64 },
  { path: "tools", type: "array" },
  { path: "tools[].type", type: "string", enum: ["function", "custom"] },
  // "Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64."
  { path: "tools[].function.name", type: "string", maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/ },
  { path: "tools[].function.strict", type: "boolean" },
  { path: "tool_choice", type: ["string", "object"], enum: ["none", "auto", "required"] },
  { path: "tool_choice.type", type: "string", enum: ["function", "custom", "allowed_tools"] },
  { path: "response_format", type: "object" },
  { path: "response_format.type", type: "string", enum: ["text", "json_object", "json_schema"] },
  { path: "response_format.json_schema.name", type: "string", maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/ },
  { path: "response_format.json_schema.strict", type: "boolean" },
  { path: "stream_options.include_usage", type: "boolean" },
];
