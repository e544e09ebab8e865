import type { FieldRule } from "./field-rules.js";

/**
 * The API version from which sampling parameters are gone and a `system` turn may sit among the
 * messages: the one `@anthropic-ai/sdk` 1.x sends.
 */
export const ANTHROPIC_MODERN_VERSION = "2026-10-21";

/** The body fields of `MessageCreateParams` (`@anthropic-ai/sdk` 1.14): anything else is an "Extra input". */
export const ANTHROPIC_PARAMETERS: ReadonlySet<string> = new Set([
  "cache_control", "container", "diagnostics", "inference_geo", "max_tokens", "messages", "metadata", "model", "output_config",
  "service_tier", "speed", "stop_sequences", "stream", "system", "thinking", "tool_choice", "tools",
]);

/** Versions before {@link ANTHROPIC_MODERN_VERSION} also take the sampling parameters. */
export const ANTHROPIC_LEGACY_PARAMETERS: ReadonlySet<string> = new Set([...ANTHROPIC_PARAMETERS, "temperature", "top_p", "top_k"]);

/** Types, ranges and enums of the SDK's request types and the limits their doc comments state. */
export const ANTHROPIC_FIELD_RULES: readonly FieldRule[] = [
  { path: "max_tokens", type: "integer", min: 0 },
  { path: "messages", type: "array", maxItems: 100_000 },
  { path: "stop_sequences", type: "array" },
  { path: "stop_sequences[]", type: "string" },
  { path: "stream", type: "boolean" },
  { path: "service_tier", type: "string", enum: ["auto", "standard_only"] },
  { path: "metadata.user_id", type: "string" },
  { path: "thinking.type", type: "string", enum: ["enabled", "disabled", "adaptive", "between_tools"] },
  { path: "thinking.display", type: "string", enum: ["summarized", "omitted"] },
  { path: "tool_choice.type", type: "string", enum: ["auto", "any", "tool", "none"] },
  { path: "tool_choice.disable_parallel_tool_use", type: "boolean" },
  { path: "tools", type: "array" },
  { path: "tools[].name", type: "string", pattern: /^[a-zA-Z0-9_-]{1,128}$/ },
  { path: "tools[].input_schema.type", type: "string", enum: ["object"] },
  { path: "output_config.effort", type: "string", enum: ["low", "medium", "high", "xhigh", "max"] },
  { path: "output_config.format.type", type: "string", enum: ["json_schema"] },
  { path: "output_config.format.schema", type: "object" },
  { path: "temperature", type: "number", min: 0, max: 1 },
  { path: "top_p", type: "number", min: 0, max: 1 },
  { path: "top_k", type: "integer", min: 0 },
];
