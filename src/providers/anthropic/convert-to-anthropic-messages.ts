import type {
  Base64ImageSource,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageParam,
  ToolResultBlockParam,
} from "@anthropic-ai/sdk/resources/messages";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { AssistantMessage, FilePart, ImagePart, Message, ToolMessage, UserContentPart } from "../../core/types/message.js";
import { decodeBase64Text, parseDataUrl, toBase64 } from "../../core/request/base64.js";
import { argumentsObjectOf, textOf } from "../shared/text-content.js";
import { thinkingBlocksOf } from "./anthropic-thinking-metadata.js";

/** The image types the Messages API takes inline. */
const IMAGE_TYPES = new Set<string>(["image/jpeg", "image/png", "image/gif", "image/webp"] satisfies Base64ImageSource["media_type"][]);

/** Our messages split the way the Messages API wants them: system text apart from the turns. */
export interface AnthropicPrompt {
  /** Every system message, in order, joined by a blank line; `undefined` when there is none. */
  readonly system: string | undefined;
  readonly messages: MessageParam[];
}

/**
 * Our messages as Messages API turns.
 *
 * - System messages, wherever they stand, become the top-level `system` (joined by a blank line).
 * - Consecutive `tool` messages become ONE user turn of `tool_result` blocks: the API wants every
 *   result of an assistant turn's `tool_use` blocks in the very next user turn.
 * - An assistant turn replays its stored thinking blocks first (verbatim, with their signatures),
 *   then its text, then its `tool_use` blocks. One with nothing to send is left out: the API
 *   rejects empty turns, and it joins the user turns left next to each other.
 * - Only Anthropic's own opaque data travels (`providerMetadata.anthropic`). Another provider's
 *   (Gemini thought signatures, OpenAI ids) is dropped: the API rejects a `thinking` block it did
 *   not sign, and other providers' reasoning is not kept on the message to begin with.
 *
 * @see https://platform.claude.com/docs/en/api/messages
 * @throws ValidationError for content the Messages API cannot take (an image type it does not
 *   know, a file other than PDF or text, a text file by URL), naming the part.
 */
export function convertToAnthropicMessages(messages: readonly Message[]): AnthropicPrompt {
  const system: string[] = [];
  const turns: MessageParam[] = [];
  let toolResults: ToolResultBlockParam[] | undefined;
  messages.forEach((message, i) => {
    switch (message.role) {
      case "system": {
        const text = textOf(message.content);
        if (text !== "") system.push(text);
        return;
      }
      case "tool":
        if (toolResults) toolResults.push(toolResult(message));
        else {
          toolResults = [toolResult(message)];
          turns.push({ role: "user", content: toolResults });
        }
        return;
      case "user":
        toolResults = undefined;
        turns.push({
          role: "user",
          content:
            typeof message.content === "string"
              ? message.content
              : message.content.map((part, j) => convertPart(part, `messages[${i}].content[${j}]`)),
        });
        return;
      case "assistant": {
        toolResults = undefined;
        const content = assistantContent(message);
        if (content.length > 0) turns.push({ role: "assistant", content });
        return;
      }
    }
  });
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: turns };
}

/**
 * `true` when the request ends with tool results for an assistant turn that does not start with
 * a thinking block: a tool-use turn another provider (or Claude without thinking) made. With
 * thinking on, the Messages API refuses that ("a final `assistant` message must start with a
 * thinking block ... To avoid this requirement, disable `thinking`").
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking#extended-thinking-with-tool-use
 */
export function answersTurnWithoutThinking(messages: readonly MessageParam[]): boolean {
  const last = messages.at(-1);
  const turn = messages.at(-2);
  if (last?.role !== "user" || turn?.role !== "assistant" || typeof last.content === "string") return false;
  if (!last.content.some((block) => block.type === "tool_result")) return false;
  const first = typeof turn.content === "string" ? undefined : turn.content[0];
  return first?.type !== "thinking" && first?.type !== "redacted_thinking";
}

function toolResult(message: ToolMessage): ToolResultBlockParam {
  const content = textOf(message.content);
  return {
    type: "tool_result",
    tool_use_id: message.toolCallId,
    // `content` is optional: an empty result leaves it out rather than sending empty text.
    ...(content !== "" ? { content } : {}),
    ...(message.isError ? { is_error: true } : {}),
  };
}

function assistantContent(message: AssistantMessage): ContentBlockParam[] {
  const blocks: ContentBlockParam[] = thinkingBlocksOf(message.providerMetadata);
  const text = textOf(message.content);
  if (text !== "") blocks.push({ type: "text", text });
  for (const call of message.toolCalls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.name, input: argumentsObjectOf(call) });
  }
  return blocks;
}

function convertPart(part: UserContentPart, path: string): ContentBlockParam {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "image":
      return { type: "image", source: imageSource(part, path) };
    case "file":
      return documentBlock(part, path);
  }
}

/**
 * Where a part's bytes come from: inline base64 (given as data, or as a `data:` URL, which the API
 * does not fetch), or a real URL for the API to fetch.
 */
function sourceOf(part: ImagePart | FilePart): { readonly url: string } | { readonly mediaType: string; readonly data: string } {
  if ("data" in part) return { mediaType: part.mediaType, data: toBase64(part.data) };
  return parseDataUrl(part.url) ?? { url: part.url };
}

function imageSource(part: ImagePart, path: string): ImageBlockParam["source"] {
  const source = sourceOf(part);
  if ("url" in source) return { type: "url", url: source.url };
  if (!IMAGE_TYPES.has(source.mediaType)) {
    throw new ValidationError([
      { path: `${path}.mediaType`, message: `Anthropic does not take "${source.mediaType}" images (JPEG, PNG, GIF and WebP only)` },
    ]);
  }
  return { type: "base64", media_type: source.mediaType as Base64ImageSource["media_type"], data: source.data };
}

/** PDFs inline or by URL; any `text/*` file inline, as a plain-text document (the API has no other text type). */
function documentBlock(part: FilePart, path: string): DocumentBlockParam {
  const title = part.filename !== undefined ? { title: part.filename } : {};
  const source = sourceOf(part);
  if (part.mediaType === "application/pdf") {
    return {
      type: "document",
      source: "url" in source ? { type: "url", url: source.url } : { type: "base64", media_type: "application/pdf", data: source.data },
      ...title,
    };
  }
  if (part.mediaType.startsWith("text/")) {
    if ("url" in source) throw new ValidationError([{ path, message: "Anthropic fetches only PDFs by URL: pass a text file as data" }]);
    return { type: "document", source: { type: "text", media_type: "text/plain", data: decodeBase64Text(source.data) }, ...title };
  }
  throw new ValidationError([
    { path: `${path}.mediaType`, message: `Anthropic does not take "${part.mediaType}" files (PDF and text only)` },
  ]);
}
