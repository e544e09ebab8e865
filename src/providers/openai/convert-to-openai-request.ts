import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { Warning } from "../../core/types/warning.js";
import { stopList } from "../shared/text-content.js";
import { convertToOpenAIMessages } from "./convert-to-openai-messages.js";

export interface OpenAIRequestOptions {
  readonly model: string;
  /** Configured provider name: its `providerOptions` key is merged after the type's. */
  readonly provider: string;
  /** `openai` sends `max_completion_tokens`; OpenAI-compatible servers mostly know `max_tokens` only. */
  readonly type: "openai" | "openai-compatible";
}

/**
 * A `ChatRequest` as a Chat Completions body (without `stream`), plus what could not be mapped.
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
  if (stop) body.stop = stop;
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
  if (request.toolChoice !== undefined) {
    body.tool_choice =
      typeof request.toolChoice === "string" ? request.toolChoice : { type: "function", function: { name: request.toolChoice.name } };
  }
  const format = request.responseFormat;
  if (format) {
    body.response_format = format.schema
      ? {
          type: "json_schema",
          json_schema: {
            name: format.name ?? "response",
            schema: toJsonSchema(format.schema),
            strict: true,
          },
        }
      : { type: "json_object" };
  }
  Object.assign(body, request.providerOptions?.[type], provider !== type ? request.providerOptions?.[provider] : undefined);
  return { body, warnings };
}
