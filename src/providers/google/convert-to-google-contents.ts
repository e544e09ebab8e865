import type { Content, Part } from "@google/genai";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { AssistantMessage, Message, ToolMessage, UserContentPart } from "../../core/types/message.js";
import type { ProviderMetadata } from "../../core/types/provider-metadata.js";
import { parseDataUrl, toBase64 } from "../../core/request/base64.js";
import { argumentsObjectOf, textOf } from "../shared/text-content.js";

/** Our messages split the way Gemini takes them. */
export interface GoogleContents {
  readonly contents: Content[];
  /** The text of every system message, joined by a blank line; absent when there is none. */
  readonly systemInstruction?: string;
}

/** How {@link convertToGoogleContents} writes the model turns. */
export interface GoogleContentsOptions {
  /**
   * Give the first function call of a model turn that has no Gemini signature of its own (it came
   * from another provider, or its signature was lost) the placeholder
   * {@link GEMINI_SKIP_THOUGHT_SIGNATURE}: Gemini 3 rejects a replayed call without a signature.
   * @default false
   */
  readonly placeholderSignatures?: boolean;
}

/**
 * The value Google documents for a function call Gemini did not produce ("transferring a trace
 * from a different model", calls injected by the client): Gemini 3 then skips its signature
 * check for that call. Google also documents `context_engineering_is_the_way_to_go`.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures (FAQ)
 */
export const GEMINI_SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

/** Image types by file extension, for image URLs given without a media type. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/**
 * Our messages as Gemini `contents`. System messages become the system instruction wherever they
 * stand; assistant turns are `model` turns; tool results are `user` turns of `functionResponse`
 * parts, consecutive results merged into one turn as Gemini expects for parallel calls.
 *
 * Gemini matches a function response by name, not id, so each tool message's name is looked up
 * from the assistant tool call it answers.
 *
 * Only Gemini's own opaque data travels: thought signatures under `providerMetadata.google`.
 * Other providers' data (Anthropic thinking blocks and their signatures) means nothing to Gemini
 * and is left out; see {@link GoogleContentsOptions.placeholderSignatures} for their tool calls.
 *
 * @see https://ai.google.dev/api/caching#Content
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 * @throws ValidationError for a tool message that answers no earlier tool call.
 */
export function convertToGoogleContents(messages: readonly Message[], { placeholderSignatures = false }: GoogleContentsOptions = {}): GoogleContents {
  const contents: Content[] = [];
  const system: string[] = [];
  const toolNames = new Map<string, string>();
  let toolTurn: Part[] | undefined;
  messages.forEach((message, i) => {
    if (message.role !== "tool") toolTurn = undefined;
    switch (message.role) {
      case "system": {
        const text = textOf(message.content);
        if (text !== "") system.push(text);
        return;
      }
      case "user":
        contents.push({ role: "user", parts: userParts(message.content) });
        return;
      case "assistant": {
        for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
        const parts = modelParts(message, placeholderSignatures);
        // Gemini rejects a turn without parts; an empty assistant turn carries nothing anyway.
        if (parts.length > 0) contents.push({ role: "model", parts });
        return;
      }
      case "tool": {
        const part = functionResponsePart(message, toolNames, i);
        if (toolTurn) {
          toolTurn.push(part);
        } else {
          toolTurn = [part];
          contents.push({ role: "user", parts: toolTurn });
        }
        return;
      }
    }
  });
  return system.length > 0 ? { contents, systemInstruction: system.join("\n\n") } : { contents };
}

function userParts(content: string | readonly UserContentPart[]): Part[] {
  if (typeof content === "string") return [{ text: content }];
  return content.map(userPart);
}

function userPart(part: UserContentPart): Part {
  if (part.type === "text") return { text: part.text };
  if ("data" in part) return { inlineData: { mimeType: part.mediaType, data: toBase64(part.data) } };
  // A `data:` URL carries its bytes: Gemini takes those inline only, never as a file URI.
  const inline = parseDataUrl(part.url);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const mimeType = part.type === "image" ? (part.mediaType ?? guessImageType(part.url)) : part.mediaType;
  return { fileData: { fileUri: part.url, mimeType } };
}

/** Gemini requires a MIME type for `fileData`; an image URL's extension usually says it. */
function guessImageType(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && IMAGE_TYPES[extension]) ?? "image/jpeg";
}

function modelParts(message: AssistantMessage, placeholderSignatures: boolean): Part[] {
  const parts: Part[] = [];
  const text = textOf(message.content);
  // Gemini rejects empty text parts, so a signature that came on an empty text part has no part
  // to travel back on; Gemini documents text-part signatures as optional.
  if (text !== "") parts.push(withSignature({ text }, signatureOf(message.providerMetadata)));
  (message.toolCalls ?? []).forEach((call, index) => {
    // Only the first call of a step needs a signature: Gemini signs just that one of parallel calls.
    const placeholder = placeholderSignatures && index === 0 ? GEMINI_SKIP_THOUGHT_SIGNATURE : undefined;
    const part: Part = { functionCall: { id: call.id, name: call.name, args: argumentsObjectOf(call) } };
    parts.push(withSignature(part, signatureOf(call.providerMetadata) ?? placeholder));
  });
  return parts;
}

/**
 * The thought signature Gemini gave a part, from our own key only: Gemini 3 rejects a replayed
 * function call of the current turn without it.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
function signatureOf(metadata: ProviderMetadata | undefined): string | undefined {
  const signature = metadata?.google?.thoughtSignature;
  return typeof signature === "string" ? signature : undefined;
}

function withSignature(part: Part, signature: string | undefined): Part {
  return signature !== undefined ? { ...part, thoughtSignature: signature } : part;
}

function functionResponsePart(message: ToolMessage, toolNames: ReadonlyMap<string, string>, i: number): Part {
  const name = toolNames.get(message.toolCallId);
  if (name === undefined) {
    throw new ValidationError([
      {
        path: `messages[${i}].toolCallId`,
        message: `no earlier assistant message has a tool call with id "${message.toolCallId}" (Gemini needs the function name)`,
      },
    ]);
  }
  return { functionResponse: { id: message.toolCallId, name, response: responseOf(message) } };
}

/**
 * Gemini's `response` must be an object: a JSON object result is sent as it is, anything else is
 * wrapped, under `error` when the tool failed (the key Gemini documents for failures).
 */
function responseOf(message: ToolMessage): Record<string, unknown> {
  const text = textOf(message.content);
  const object = parseObject(text);
  if (message.isError) return { error: object ?? text };
  return object ?? { result: text };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
