import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { Message, UserContentPart } from "../../core/types/message.js";
import { decodeBase64Text, toBase64, toDataUrl } from "../../core/request/base64.js";
import { argumentsTextOf, textOf } from "../shared/text-content.js";

const AUDIO_FORMATS: Readonly<Record<string, "wav" | "mp3">> = { "audio/wav": "wav", "audio/x-wav": "wav", "audio/mpeg": "mp3", "audio/mp3": "mp3" };

/**
 * Our messages as Chat Completions messages.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 *
 * @throws ValidationError for content Chat Completions cannot take (a file by URL, an unknown file type).
 */
export function convertToOpenAIMessages(messages: readonly Message[]): ChatCompletionMessageParam[] {
  return messages.map((message, i): ChatCompletionMessageParam => {
    switch (message.role) {
      case "system":
        return { role: "system", content: textOf(message.content) };
      case "user":
        return {
          role: "user",
          content:
            typeof message.content === "string"
              ? message.content
              : message.content.map((part, j) => convertPart(part, `messages[${i}].content[${j}]`)),
        };
      case "assistant": {
        const text = textOf(message.content);
        const calls = message.toolCalls ?? [];
        return {
          role: "assistant",
          content: text === "" && calls.length > 0 ? null : text,
          ...(calls.length > 0
            ? {
                tool_calls: calls.map((call) => ({
                  id: call.id,
                  type: "function" as const,
                  function: { name: call.name, arguments: argumentsTextOf(call) },
                })),
              }
            : {}),
        };
      }
      case "tool": {
        // Chat Completions has no error flag on tool results: the model is told in the content.
        const text = textOf(message.content);
        return { role: "tool", tool_call_id: message.toolCallId, content: message.isError ? `Error: ${text}` : text };
      }
    }
  });
}

function convertPart(part: UserContentPart, path: string): ChatCompletionContentPart {
  if (part.type === "text") return { type: "text", text: part.text };
  if (part.type === "image") {
    return { type: "image_url", image_url: { url: "url" in part ? part.url : toDataUrl(part.data, part.mediaType) } };
  }
  if (!("data" in part)) {
    throw new ValidationError([{ path, message: "OpenAI Chat Completions takes files inline only: pass data, not url" }]);
  }
  if (part.mediaType === "application/pdf") {
    return { type: "file", file: { filename: part.filename ?? "document.pdf", file_data: toDataUrl(part.data, part.mediaType) } };
  }
  const audio = AUDIO_FORMATS[part.mediaType];
  if (audio) return { type: "input_audio", input_audio: { data: toBase64(part.data), format: audio } };
  if (part.mediaType.startsWith("text/")) {
    // Chat Completions has no text-document part: plain text travels as text, named if possible.
    const text = decodeBase64Text(part.data);
    return { type: "text", text: part.filename ? `${part.filename}:\n${text}` : text };
  }
  throw new ValidationError([
    { path: `${path}.mediaType`, message: `OpenAI Chat Completions does not take "${part.mediaType}" files (PDF, text, wav and mp3 only)` },
  ]);
}
