import { deterministicWords } from "./deterministic-words.js";
import { isRecord } from "./json-shape.js";
import type { ConversationView, GeneratedReasoning, GeneratedReply, GeneratedToolCall } from "./reply-model.js";
import type { ReplyScenario } from "./scenario.js";
import { exampleFromSchema } from "./schema-example.js";
import { cutAtStop, jsonPieces, splitEvenly, wordPieces } from "./text-pieces.js";

/**
 * The emulator's own answer to a request, the same every time for the same model and last
 * message: a call to the first (or forced) tool when tools are offered to a user turn, the JSON
 * document of the schema when JSON output is asked for, otherwise `replyWords` words. Max tokens
 * and stop sequences cut it as a provider would.
 */
export function generateReply(view: ConversationView, replyWords: number): GeneratedReply {
  const reasoning = view.reasoning ? reasoningFrom(reasoningText(view)) : undefined;
  const tool = chooseTool(view);
  const content = tool ? toolCallContent(tool, view) : textContent(view, replyWords);
  return {
    ...content,
    ...(reasoning ? { reasoning } : {}),
    usage: { inputTokens: view.inputTokens, outputTokens: content.outputTokens, reasoningTokens: reasoning?.pieces.length ?? 0 },
  };
}

/** A scripted `reply` laid over the generated one: it replaces only what it names. */
export function applyReplyScenario(reply: GeneratedReply, scenario: ReplyScenario): GeneratedReply {
  let next = reply;
  if (scenario.text !== undefined || scenario.toolCalls !== undefined) {
    const textPieces = wordPieces(scenario.text ?? "");
    const toolCalls = (scenario.toolCalls ?? []).map((call) => toolCall(call.name, JSON.stringify(call.arguments ?? {}), call.arguments));
    next = {
      ...next,
      text: scenario.text ?? "",
      textPieces,
      toolCalls,
      finish: toolCalls.length > 0 ? "tool_calls" : "stop",
      stopSequence: undefined,
      usage: { ...next.usage, outputTokens: textPieces.length + toolCalls.reduce((sum, call) => sum + jsonPieces(call.argumentsText).length, 0) },
    };
  }
  if (scenario.reasoning !== undefined) {
    const reasoning = reasoningFrom(scenario.reasoning);
    next = { ...next, reasoning, usage: { ...next.usage, reasoningTokens: reasoning.pieces.length } };
  }
  if (scenario.finish !== undefined) next = { ...next, finish: scenario.finish };
  if (scenario.usage !== undefined) {
    next = {
      ...next,
      usage: {
        ...next.usage,
        inputTokens: scenario.usage.inputTokens ?? next.usage.inputTokens,
        outputTokens: scenario.usage.outputTokens ?? next.usage.outputTokens,
      },
    };
  }
  return next;
}

type Content = Pick<GeneratedReply, "text" | "textPieces" | "toolCalls" | "finish" | "stopSequence"> & { outputTokens: number };

function chooseTool(view: ConversationView): ConversationView["tools"][number] | undefined {
  if (view.tools.length === 0 || view.toolChoice === "none" || view.lastTurn !== "user") return undefined;
  const forced = typeof view.toolChoice === "object" ? view.toolChoice.name : undefined;
  return view.tools.find((tool) => tool.name === forced) ?? view.tools[0];
}

function toolCallContent(tool: ConversationView["tools"][number], view: ConversationView): Content {
  const args = exampleFromSchema(tool.parameters ?? { type: "object" });
  const pieces = jsonPieces(JSON.stringify(isRecord(args) ? args : {}));
  const kept = limit(pieces, view.maxTokens);
  const cut = kept.length < pieces.length;
  const argumentsText = kept.join("");
  return {
    text: "",
    textPieces: [],
    toolCalls: [toolCall(tool.name, argumentsText, cut ? undefined : JSON.parse(argumentsText))],
    finish: cut ? "length" : "tool_calls",
    outputTokens: kept.length,
  };
}

function textContent(view: ConversationView, replyWords: number): Content {
  const full = view.output ? jsonPieces(JSON.stringify(jsonDocument(view))) : wordPieces(prose(view, replyWords));
  const stopped = cutAtStop(full, view.stop);
  const kept = limit(stopped.pieces, view.maxTokens);
  const cut = kept.length < stopped.pieces.length;
  return {
    text: kept.join(""),
    textPieces: kept,
    toolCalls: [],
    finish: cut ? "length" : stopped.sequence !== undefined ? "stop_sequence" : "stop",
    ...(!cut && stopped.sequence !== undefined ? { stopSequence: stopped.sequence } : {}),
    outputTokens: kept.length,
  };
}

function toolCall(name: string, argumentsText: string, args: unknown): GeneratedToolCall {
  return { name, arguments: args, argumentsText, fragments: splitEvenly(argumentsText, 3) };
}

function limit(pieces: readonly string[], maxTokens: number | undefined): string[] {
  return maxTokens === undefined ? [...pieces] : pieces.slice(0, Math.max(0, maxTokens));
}

function seedOf(view: ConversationView): string {
  return `${view.model}\n${view.lastText}`;
}

function jsonDocument(view: ConversationView): unknown {
  if (view.output?.schema !== undefined) return exampleFromSchema(view.output.schema);
  return { answer: deterministicWords(seedOf(view), 6).join(" ") };
}

/** A sentence of `count` words; after tool results it starts by quoting them, so tests can see they arrived. */
function prose(view: ConversationView, count: number): string {
  const lead = view.lastTurn === "tool" ? ["The", "tool", "returned", ...snippet(view.lastText, 6), "so"] : [];
  const words = [...lead, ...deterministicWords(seedOf(view), count)].slice(0, count);
  if (words.length === 0) return "";
  const first = words[0] as string;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  words[words.length - 1] += ".";
  return words.join(" ");
}

function reasoningText(view: ConversationView): string {
  const topic = snippet(view.lastText, 4);
  return ["Considering", "the", "request", ...(topic.length > 0 ? ["about", ...topic] : []), "and", "planning", "a", "short", "answer."].join(" ");
}

function reasoningFrom(text: string): GeneratedReasoning {
  return { text, pieces: wordPieces(text) };
}

function snippet(text: string, words: number): string[] {
  return text.split(/\s+/).filter(Boolean).slice(0, words);
}
