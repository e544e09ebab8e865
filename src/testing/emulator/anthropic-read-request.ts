import { countTextChars, estimateTokens, isRecord, numberOr, recordsOf, stringList, textOf } from "./json-shape.js";
import type { ConversationView, ToolChoiceView } from "./reply-model.js";

/** A validated Messages body as the neutral view. */
export function readAnthropicConversation(body: unknown, model: string): ConversationView {
  const request = isRecord(body) ? body : {};
  const messages = recordsOf(request.messages);
  const last = messages.at(-1);
  const answersTools = recordsOf(last?.content).some((block) => block.type === "tool_result");
  // `output_format` is the structured-outputs beta's name for what is now `output_config.format`.
  const format = (isRecord(request.output_config) ? request.output_config.format : undefined) ?? request.output_format;
  return {
    model,
    lastTurn: last?.role === "assistant" ? "assistant" : answersTools ? "tool" : "user",
    lastText: textOf(last?.content),
    tools: recordsOf(request.tools)
      .filter((tool) => typeof tool.name === "string" && tool.input_schema !== undefined)
      .map((tool) => ({ name: tool.name as string, parameters: tool.input_schema })),
    toolChoice: toolChoice(request.tool_choice),
    ...(isRecord(format) && format.type === "json_schema"
      ? { output: { schema: format.schema } }
      : asksForJson(request.system)
        ? { output: {} }
        : {}),
    maxTokens: numberOr(request.max_tokens, undefined),
    stop: stringList(request.stop_sequences),
    reasoning: isRecord(request.thinking) && (request.thinking.type === "enabled" || request.thinking.type === "adaptive"),
    inputTokens: estimateTokens(countTextChars([request.system, messages])),
  };
}

/**
 * Claude has no JSON mode without a schema: clients ask for JSON in the system prompt, and a real
 * model complies. The emulator answers JSON when the system prompt asks for a JSON object.
 */
function asksForJson(system: unknown): boolean {
  return /\bJSON object\b/i.test(textOf(system));
}

function toolChoice(choice: unknown): ToolChoiceView {
  if (!isRecord(choice)) return "auto";
  if (choice.type === "none") return "none";
  if (choice.type === "any") return "required";
  if (choice.type === "tool" && typeof choice.name === "string") return { name: choice.name };
  return "auto";
}
