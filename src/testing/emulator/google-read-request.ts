import { countTextChars, estimateTokens, isRecord, numberOr, recordsOf, stringList, textOf } from "./json-shape.js";
import type { ConversationView, ToolChoiceView } from "./reply-model.js";

/** A validated `generateContent` body as the neutral view (camelCase fields, as the SDK sends them). */
export function readGoogleConversation(body: unknown, model: string): ConversationView {
  const request = isRecord(body) ? body : {};
  const contents = recordsOf(request.contents);
  const lastParts = recordsOf(contents.at(-1)?.parts);
  const responses = lastParts.map((part) => part.functionResponse).filter(isRecord);
  const config = isRecord(request.generationConfig) ? request.generationConfig : {};
  return {
    model,
    lastTurn: contents.at(-1)?.role === "model" ? "assistant" : responses.length > 0 ? "tool" : "user",
    lastText: responses.length > 0 ? responses.map((response) => JSON.stringify(response.response ?? {})).join(" ") : textOf(lastParts),
    tools: recordsOf(request.tools)
      .flatMap((tool) => recordsOf(tool.functionDeclarations))
      .filter((declaration) => typeof declaration.name === "string")
      .map((declaration) => ({ name: declaration.name as string, parameters: declaration.parametersJsonSchema ?? declaration.parameters })),
    toolChoice: toolChoice(request.toolConfig),
    ...(config.responseMimeType === "application/json" ? { output: { schema: config.responseJsonSchema ?? config.responseSchema } } : {}),
    maxTokens: numberOr(config.maxOutputTokens, undefined),
    stop: stringList(config.stopSequences),
    reasoning: isRecord(config.thinkingConfig) && config.thinkingConfig.includeThoughts === true,
    inputTokens: estimateTokens(countTextChars([request.systemInstruction, contents])),
  };
}

function toolChoice(toolConfig: unknown): ToolChoiceView {
  const config = isRecord(toolConfig) && isRecord(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : {};
  if (config.mode === "NONE") return "none";
  const allowed = stringList(config.allowedFunctionNames);
  if (allowed[0] !== undefined) return { name: allowed[0] };
  return config.mode === "ANY" ? "required" : "auto";
}
