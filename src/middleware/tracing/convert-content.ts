import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { FinishReason } from "../../core/types/finish-reason.js";
import type { Message, TextPart, UserContentPart } from "../../core/types/message.js";

/**
 * A message part in the conventions' structure (`gen_ai.input.messages` and friends).
 * @see https://github.com/open-telemetry/semantic-conventions/blob/v1.41.1/docs/gen-ai/gen-ai-input-messages.json
 */
type Part =
  | { readonly type: "text"; readonly content: string }
  | { readonly type: "reasoning"; readonly content: string }
  | { readonly type: "tool_call"; readonly id: string; readonly name: string; readonly arguments: unknown }
  | { readonly type: "tool_call_response"; readonly id: string; readonly response: string }
  | { readonly type: "uri"; readonly modality: string; readonly mime_type?: string; readonly uri: string }
  | { readonly type: "blob"; readonly modality: string; readonly mime_type: string };

interface ChatMessage {
  readonly role: "user" | "assistant" | "tool";
  readonly parts: readonly Part[];
}

interface OutputMessage extends ChatMessage {
  readonly finish_reason: string;
}

/** The request's system messages and conversation, as the conventions structure them. */
export function inputContent(request: ChatRequest): { readonly system: string | undefined; readonly messages: string } {
  const system: Part[] = [];
  const messages: ChatMessage[] = [];
  for (const message of request.messages) {
    if (message.role === "system") system.push(...textParts(message.content));
    else messages.push(inputMessage(message));
  }
  return { system: system.length > 0 ? JSON.stringify(system) : undefined, messages: JSON.stringify(messages) };
}

/** The response as the one output message of the conventions. */
export function outputContent(response: ChatResponse): string {
  const parts: Part[] = [];
  if (response.reasoning) parts.push({ type: "reasoning", content: response.reasoning });
  if (response.text !== "") parts.push({ type: "text", content: response.text });
  if (response.refusal) parts.push({ type: "text", content: response.refusal });
  for (const call of response.toolCalls) parts.push({ type: "tool_call", id: call.id, name: call.name, arguments: call.arguments });
  const message: OutputMessage = { role: "assistant", parts, finish_reason: outputFinishReason(response.finishReason) };
  return JSON.stringify([message]);
}

/** The conventions' output `finish_reason` enum: `stop|length|content_filter|tool_call|error`. */
export function outputFinishReason(reason: FinishReason): string {
  switch (reason) {
    case "tool_calls":
      return "tool_call";
    case "refusal":
      return "content_filter";
    case "other":
      return "stop";
    default:
      return reason;
  }
}

function inputMessage(message: Exclude<Message, { readonly role: "system" }>): ChatMessage {
  switch (message.role) {
    case "user":
      return { role: "user", parts: typeof message.content === "string" ? [{ type: "text", content: message.content }] : message.content.map(userPart) };
    case "assistant": {
      const parts: Part[] = message.content == null ? [] : textParts(message.content);
      for (const call of message.toolCalls ?? []) parts.push({ type: "tool_call", id: call.id, name: call.name, arguments: call.arguments ?? call.argumentsText });
      return { role: "assistant", parts };
    }
    case "tool":
      return { role: "tool", parts: [{ type: "tool_call_response", id: message.toolCallId, response: typeof message.content === "string" ? message.content : message.content.map((p) => p.text).join("") }] };
  }
}

function textParts(content: string | readonly TextPart[]): Part[] {
  return typeof content === "string" ? [{ type: "text", content }] : content.map((p) => ({ type: "text", content: p.text }));
}

/** Media by URL keeps its URL; inline bytes (and `data:` URLs) are left out, only their kind kept. */
function userPart(part: UserContentPart): Part {
  if (part.type === "text") return { type: "text", content: part.text };
  const modality = part.type === "image" ? "image" : modalityOf(part.mediaType);
  if ("url" in part && !part.url.startsWith("data:")) return { type: "uri", modality, ...(part.mediaType !== undefined && { mime_type: part.mediaType }), uri: part.url };
  return { type: "blob", modality, mime_type: part.mediaType ?? "application/octet-stream" };
}

function modalityOf(mediaType: string): string {
  if (mediaType.startsWith("image/")) return "image";
  if (mediaType.startsWith("audio/")) return "audio";
  if (mediaType.startsWith("video/")) return "video";
  return "file";
}
