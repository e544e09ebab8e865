import { countTextChars, estimateTokens, isRecord, numberOr, recordsOf, stringList, textOf } from "./json-shape.js";
import type { ConversationView, ToolChoiceView } from "./reply-model.js";

/** A validated Chat Completions body as the neutral view. */
export function readOpenAIConversation(body: unknown, model: string): ConversationView {
  const request = isRecord(body) ? body : {};
  const messages = recordsOf(request.messages);
  const lastTurn = messages.at(-1)?.role === "tool" ? "tool" : messages.at(-1)?.role === "assistant" ? "assistant" : "user";
  const format = isRecord(request.response_format) ? request.response_format : undefined;
  return {
    model,
    lastTurn,
    lastText: lastTurn === "tool" ? trailingToolResults(messages) : textOf(messages.at(-1)?.content),
    tools: recordsOf(request.tools)
      .map((tool) => (isRecord(tool.function) ? tool.function : {}))
      .filter((fn) => typeof fn.name === "string")
      .map((fn) => ({ name: fn.name as string, parameters: fn.parameters })),
    toolChoice: toolChoice(request.tool_choice),
    ...(format?.type === "json_schema" ? { output: { schema: isRecord(format.json_schema) ? format.json_schema.schema : undefined } } : {}),
    ...(format?.type === "json_object" ? { output: {} } : {}),
    maxTokens: numberOr(request.max_completion_tokens, numberOr(request.max_tokens, undefined)),
    stop: stringList(request.stop),
    reasoning: typeof request.reasoning_effort === "string" && request.reasoning_effort !== "none",
    inputTokens: estimateTokens(countTextChars(messages)),
  };
}

function toolChoice(choice: unknown): ToolChoiceView {
  if (choice === "none" || choice === "required" || choice === "auto") return choice;
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === "string") return { name: choice.function.name };
  return "auto";
}

/** Parallel tool calls come back as several tool messages in a row. */
function trailingToolResults(messages: readonly Record<string, unknown>[]): string {
  const results: string[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === "tool"; index -= 1) results.unshift(textOf(messages[index]?.content));
  return results.join(" ");
}
