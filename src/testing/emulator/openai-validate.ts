import { firstFieldProblem, unknownKey, type FieldProblem, type JsonType } from "./field-rules.js";
import { isRecord, recordsOf, type JsonObject } from "./json-shape.js";
import { openaiError } from "./openai-errors.js";
import { OPENAI_FIELD_RULES, OPENAI_PARAMETERS } from "./openai-request-rules.js";
import { strictSchemaViolation } from "./openai-strict-rules.js";
import type { WireResponse } from "./provider-wire.js";

const roles = ["system", "assistant", "user", "function", "tool", "developer"] as const;

/**
 * The checks of `POST /v1/chat/completions`, with OpenAI's own messages: required fields, unknown
 * parameters, the types, ranges, enums, array limits and name patterns of the OpenAPI spec, roles,
 * tool-call pairing, options that need others, and strict structured-output schemas.
 */
export function validateOpenAIRequest(body: unknown): WireResponse | undefined {
  if (!isRecord(body)) return invalidType("body", "an object", body);
  if (typeof body.model !== "string" || body.model === "") return openaiError(400, "you must provide a model parameter");
  const unknown = unknownKey(body, OPENAI_PARAMETERS);
  if (unknown !== undefined) return openaiError(400, `Unrecognized request argument supplied: ${unknown}`);
  if (body.messages === undefined) return missing("messages");
  const problem = firstFieldProblem(body, OPENAI_FIELD_RULES);
  if (problem) return fieldError(problem);
  return validateMessages(body.messages) ?? validateTools(body) ?? validateOptions(body);
}

const typeNames: Readonly<Record<JsonType, string>> = {
  number: "a decimal",
  integer: "an integer",
  string: "a string",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
};

/** OpenAI's wording and codes for a field outside the spec. */
function fieldError(problem: FieldProblem): WireResponse {
  const { path: param, value } = problem;
  const numberKind = problem.rule.type === "integer" ? "integer" : "decimal";
  switch (problem.kind) {
    case "type":
      return invalidType(param, problem.expected.map((type) => typeNames[type]).join(" or "), value);
    case "enum":
      return openaiError(400, `Invalid value: '${String(value)}'. Supported values are: ${listOf(problem.allowed)}.`, { param, code: "invalid_value" });
    case "below":
      return openaiError(400, `Invalid '${param}': ${numberKind} below minimum value. Expected a value >= ${problem.limit}, but got ${String(value)} instead.`, { param, code: `${numberKind}_below_min_value` });
    case "above":
      return openaiError(400, `Invalid '${param}': ${numberKind} above maximum value. Expected a value <= ${problem.limit}, but got ${String(value)} instead.`, { param, code: `${numberKind}_above_max_value` });
    case "pattern":
      return openaiError(400, `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${problem.pattern.source}'.`, { param, code: "invalid_value" });
    case "too-long":
      return openaiError(400, `Invalid '${param}': string too long. Expected a string with maximum length ${problem.limit}, but got a string with length ${String(value).length} instead.`, { param, code: "string_above_max_length" });
    case "too-few":
      return openaiError(400, `Invalid '${param}': empty array. Expected an array with minimum length ${problem.limit}, but got an empty array instead.`, { param, code: "empty_array" });
    case "too-many":
      return openaiError(400, `Invalid '${param}': array too long. Expected an array with maximum length ${problem.limit}, but got an array with length ${(value as unknown[]).length} instead.`, { param, code: "array_above_max_length" });
  }
}

function listOf(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1] ?? ""}`;
}

function validateMessages(messages: unknown): WireResponse | undefined {
  if (!Array.isArray(messages)) return invalidType("messages", "an array of objects", messages);
  for (const [index, message] of messages.entries()) {
    const problem = validateMessage(message, index);
    if (problem) return problem;
  }
  return validateToolPairing(messages as JsonObject[]);
}

function validateMessage(message: unknown, index: number): WireResponse | undefined {
  const at = `messages[${index}]`;
  if (!isRecord(message)) return invalidType(at, "an object", message);
  if (message.role === undefined) return missing(`${at}.role`);
  if (!roles.includes(message.role as (typeof roles)[number])) {
    const role = typeof message.role === "string" ? message.role : JSON.stringify(message.role);
    return openaiError(400, `Invalid value: '${role}'. Supported values are: ${roles.map((role) => `'${role}'`).join(", ")}.`, {
      param: `${at}.role`,
      code: "invalid_value",
    });
  }
  if (message.role === "tool" && typeof message.tool_call_id !== "string") {
    return openaiError(400, "Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.", { param: `messages.[${index}].tool_call_id` });
  }
  return undefined;
}

/** Every tool message answers a preceding `tool_calls` message, and every call gets its answer. */
function validateToolPairing(messages: readonly JsonObject[]): WireResponse | undefined {
  let open: { index: number; ids: Set<string> } | undefined;
  for (const [index, message] of messages.entries()) {
    if (message.role === "tool") {
      if (!open) {
        return openaiError(400, "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", { param: `messages.[${index}].role` });
      }
      open.ids.delete(String(message.tool_call_id));
      continue;
    }
    if (open && open.ids.size > 0) return unanswered(open.index, open.ids);
    const calls = message.role === "assistant" ? recordsOf(message.tool_calls) : [];
    open = calls.length > 0 ? { index, ids: new Set(calls.map((call) => String(call.id))) } : undefined;
  }
  return open && open.ids.size > 0 ? unanswered(open.index, open.ids) : undefined;
}

function unanswered(index: number, ids: ReadonlySet<string>): WireResponse {
  return openaiError(
    400,
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...ids].join(", ")}`,
    { param: `messages.[${index}].role` },
  );
}

function validateTools(body: JsonObject): WireResponse | undefined {
  if (body.tools !== undefined && !Array.isArray(body.tools)) return invalidType("tools", "an array of objects", body.tools);
  for (const [index, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    if (!isRecord(tool) || !isRecord(tool.function)) return missing(`tools[${index}].function`);
    if (typeof tool.function.name !== "string") return missing(`tools[${index}].function.name`);
    const checked = tool.function.strict === true && tool.function.parameters !== undefined;
    const violation = checked ? strictSchemaViolation(tool.function.parameters) : undefined;
    if (violation) return openaiError(400, `Invalid schema for function '${tool.function.name}': ${violation}`, { param: `tools[${index}].function.parameters` });
  }
  if (body.tool_choice !== undefined && !(Array.isArray(body.tools) && body.tools.length > 0)) {
    return openaiError(400, "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", { param: "tool_choice" });
  }
  return undefined;
}

function validateOptions(body: JsonObject): WireResponse | undefined {
  if (body.stream_options !== undefined && body.stream !== true) {
    return openaiError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", { param: "stream_options" });
  }
  const format = body.response_format;
  if (isRecord(format) && format.type === "json_schema") {
    if (!isRecord(format.json_schema)) return missing("response_format.json_schema");
    if (typeof format.json_schema.name !== "string") return missing("response_format.json_schema.name");
    if (format.json_schema.strict === true) {
      const violation = strictSchemaViolation(format.json_schema.schema);
      if (violation) return openaiError(400, `Invalid schema for response_format '${format.json_schema.name}': ${violation}`, { param: "response_format" });
    }
  }
  return undefined;
}

function missing(param: string): WireResponse {
  return openaiError(400, `Missing required parameter: '${param}'.`, { param, code: "missing_required_parameter" });
}

function invalidType(param: string, expected: string, value: unknown): WireResponse {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  return openaiError(400, `Invalid type for '${param}': expected ${expected}, but got ${got} instead.`, { param, code: "invalid_type" });
}
