import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { JsonSchema } from "../../core/types/schema.js";
import type { Warning } from "../../core/types/warning.js";
import { stopList, stopWithin } from "../shared/text-content.js";
import { convertToOpenAIMessages } from "./convert-to-openai-messages.js";
import { strictSchemaProblem } from "./openai-strict-schema.js";

/** `stop` takes at most this many sequences (OpenAPI spec: `StopConfiguration`, `maxItems: 4`). */
export const OPENAI_MAX_STOP_SEQUENCES = 4;

export interface OpenAIRequestOptions {
  readonly model: string;
  /** Configured provider name: its `providerOptions` key is merged after the type's. */
  readonly provider: string;
  /** `openai` sends `max_completion_tokens`; OpenAI-compatible servers mostly know `max_tokens` only. */
  readonly type: "openai" | "openai-compatible";
}

/**
 * A `ChatRequest` as a Chat Completions body (without `stream`), plus what could not be mapped.
 *
 * @throws ValidationError for what OpenAI rejects and nothing can map: more than
 *   {@link OPENAI_MAX_STOP_SEQUENCES} stop sequences (not checked for OpenAI-compatible servers).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function convertToOpenAIRequest(
  request: ChatRequest,
  { model, provider, type }: OpenAIRequestOptions,
): { body: ChatCompletionCreateParamsBase; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: ChatCompletionCreateParamsBase = { model, messages: convertToOpenAIMessages(request.messages) };

  if (request.maxTokens !== undefined) {
    if (type === "openai") body.max_completion_tokens = request.maxTokens;
    else body.max_tokens = request.maxTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  const stop = stopList(request.stop);
  if (stop) body.stop = type === "openai" ? stopWithin(stop, OPENAI_MAX_STOP_SEQUENCES, "OpenAI") : stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;
  if (request.reasoning?.budgetTokens !== undefined) {
    warnings.push({ type: "unsupported", setting: "reasoning.budgetTokens", message: "OpenAI has no thinking budget; use reasoning.effort" });
  }
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: toJsonSchema(tool.parameters),
      },
    }));
  }
  // With no tools there is nothing to choose, and the API rejects `tool_choice` on its own.
  if (request.toolChoice !== undefined && body.tools) {
    body.tool_choice =
      typeof request.toolChoice === "string" ? request.toolChoice : { type: "function", function: { name: request.toolChoice.name } };
  }
  const format = request.responseFormat;
  if (format) body.response_format = format.schema ? jsonSchemaFormat(toJsonSchema(format.schema), format.name, type, warnings) : { type: "json_object" };
  Object.assign(body, request.providerOptions?.[type], provider !== type ? request.providerOptions?.[provider] : undefined);
  return { body, warnings };
}

/**
 * Strict mode when the schema meets OpenAI's rules, so the answer is guaranteed to match;
 * otherwise the schema is sent as a hint (`strict: false`) with a warning, and proxyless still
 * validates the answer against it. OpenAI-compatible servers have rules of their own (most take
 * any schema), so they always get `strict: true`.
 */
function jsonSchemaFormat(schema: JsonSchema, name: string | undefined, type: OpenAIRequestOptions["type"], warnings: Warning[]): ResponseFormatJSONSchema {
  const problem = type === "openai" ? strictSchemaProblem(schema) : undefined;
  if (problem !== undefined) {
    warnings.push({
      type: "other",
      setting: "responseFormat.schema",
      message: `sent with strict: false because OpenAI's strict mode would reject it: ${problem}`,
    });
  }
  return { type: "json_schema", json_schema: { name: name ?? "response", schema, strict: problem === undefined } };
}
