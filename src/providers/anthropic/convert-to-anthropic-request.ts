import type {
  MessageCreateParamsBase,
  OutputConfig,
  ThinkingConfigParam,
  Tool,
  ToolChoice as AnthropicToolChoice,
} from "@anthropic-ai/sdk/resources/messages";
import { ValidationError } from "../../core/errors/validation-error.js";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { JsonSchema } from "../../core/types/schema.js";
import type { ToolChoice } from "../../core/types/tool.js";
import type { Warning } from "../../core/types/warning.js";
import { stopList } from "../shared/text-content.js";
import { toAnthropicOutputSchema } from "./anthropic-output-schema.js";
import { convertAnthropicReasoning } from "./convert-anthropic-reasoning.js";
import { answersTurnWithoutThinking, convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";

/**
 * `max_tokens` sent when the request sets no `maxTokens`. The Messages API requires a value; 4096
 * fits the output limit of every current Claude model and keeps a non-streaming call well inside
 * the SDK's ten-minute guard (it refuses non-streaming calls whose `max_tokens` could take longer).
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/**
 * Added to the system prompt when `responseFormat` asks for JSON without a schema: the Messages
 * API has native structured output only with a schema (`output_config.format`), so the plain JSON
 * mode other providers have is asked for in words.
 */
export const ANTHROPIC_JSON_INSTRUCTION =
  "Respond with a single JSON object and nothing else: no text before or after it, no code fences.";

export interface AnthropicRequestOptions {
  readonly model: string;
  /** Configured provider name: its `providerOptions` key is merged after `anthropic`'s. */
  readonly provider: string;
}

/**
 * A `ChatRequest` as a Messages API body (without `stream`), plus what could not be mapped
 * exactly. `providerOptions.anthropic`, then `providerOptions[provider]`, are merged over the
 * result verbatim and last.
 *
 * @throws ValidationError for what the Messages API rejects and nothing can map: thinking with a
 *   forced tool choice, a thinking budget under 1024, a structured-output schema node without a type.
 *
 * @see https://platform.claude.com/docs/en/api/messages
 */
export function convertToAnthropicRequest(
  request: ChatRequest,
  { model, provider }: AnthropicRequestOptions,
): { body: MessageCreateParamsBase; warnings: Warning[] } {
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const reasoning = convertAnthropicReasoning(request.reasoning, request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS);
  const warnings: Warning[] = [...reasoning.warnings];
  const body: MessageCreateParamsBase = { model, messages, max_tokens: reasoning.maxTokens };

  const format = request.responseFormat;
  const systemText = [system, format && !format.schema ? ANTHROPIC_JSON_INSTRUCTION : undefined].filter(Boolean).join("\n\n");
  if (systemText !== "") body.system = systemText;
  // API version 2026-10-21 (the one @anthropic-ai/sdk 1.x sends) rejects every sampling parameter,
  // even at its default, so sending them would fail the call. Pin the older version in `headers`
  // and pass them in `providerOptions.anthropic` where a model still needs them.
  for (const setting of ["temperature", "topP"] as const) {
    if (request[setting] !== undefined) {
      warnings.push({ type: "unsupported", setting, message: `not sent: the Anthropic API (version 2026-10-21) rejects ${setting}` });
    }
  }
  const stop = stopList(request.stop);
  if (stop) body.stop_sequences = stop;
  if (request.seed !== undefined) warnings.push({ type: "unsupported", setting: "seed", message: "Anthropic has no seed" });
  if (reasoning.thinking) body.thinking = reasoning.thinking;
  if (reasoning.thinking && reasoning.thinking.type !== "disabled" && answersTurnWithoutThinking(messages)) {
    // A tool loop is one assistant turn, and thinking cannot be switched on in the middle of it:
    // after a fallback from another provider, this step runs without thinking, the next turn has it.
    body.thinking = { type: "disabled" };
    warnings.push({
      type: "other",
      setting: "reasoning",
      message: "thinking turned off for this request: it answers tool calls of an assistant turn without Anthropic thinking (from another provider), which the Messages API refuses while thinking is on",
    });
  }
  if (request.tools?.length) {
    body.tools = request.tools.map(
      (tool): Tool => ({
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        input_schema: toJsonSchema(tool.parameters) as Tool.InputSchema,
      }),
    );
  }
  // With no tools there is nothing to choose: the choice is left out rather than sent alone.
  if (request.toolChoice !== undefined && body.tools) body.tool_choice = toolChoiceOf(request.toolChoice, body.thinking);
  const output: OutputConfig = {
    ...(reasoning.effort ? { effort: reasoning.effort } : {}),
    ...(format?.schema ? { format: { type: "json_schema", schema: outputSchema(toJsonSchema(format.schema), warnings) } } : {}),
  };
  if (output.effort || output.format) body.output_config = output;
  Object.assign(body, request.providerOptions?.anthropic, provider !== "anthropic" ? request.providerOptions?.[provider] : undefined);
  return { body, warnings };
}

function toolChoiceOf(choice: ToolChoice, thinking: ThinkingConfigParam | undefined): AnthropicToolChoice {
  const forced = choice === "required" || typeof choice === "object";
  if (forced && thinking !== undefined && thinking.type !== "disabled") {
    throw new ValidationError([
      {
        path: "toolChoice",
        message: `Anthropic does not allow thinking when tool choice forces tool use (${JSON.stringify(choice)}): use toolChoice "auto", or reasoning { effort: "none" } to turn thinking off`,
      },
    ]);
  }
  if (typeof choice !== "string") return { type: "tool", name: choice.name };
  return choice === "required" ? { type: "any" } : { type: choice };
}

function outputSchema(schema: JsonSchema, warnings: Warning[]): JsonSchema {
  let subset: ReturnType<typeof toAnthropicOutputSchema>;
  try {
    subset = toAnthropicOutputSchema(schema);
  } catch (error) {
    throw new ValidationError([{ path: "responseFormat.schema", message: (error as Error).message }]);
  }
  if (subset.warning) warnings.push(subset.warning);
  return subset.schema;
}
