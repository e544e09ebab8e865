import type { ChatRequest } from "../../core/types/chat-request.js";
import { decodeBase64Text, encodeBase64Text } from "../../core/request/base64.js";
import type { FilePart, Message, TextPart } from "../../core/types/message.js";
import type { ToolCallInput } from "../../core/types/tool.js";
import { mapStrings } from "./map-strings.js";

/**
 * The request with every text a provider would read passed through `fn`: each message's string
 * content and text parts (system, user, assistant and tool messages alike) and the arguments of
 * earlier tool calls, and text documents (`text/*` file parts given inline, which the providers
 * read as text) with their file names. Images and other files are left as they are. Copy on write: the request itself
 * when `fn` changed nothing, and only the messages it changed are new.
 */
export function mapRequestText(request: ChatRequest, fn: (text: string) => string): ChatRequest {
  let messages: Message[] | undefined;
  for (let i = 0; i < request.messages.length; i++) {
    const message = request.messages[i] as Message;
    const mapped = mapMessage(message, fn);
    if (mapped !== message) (messages ??= [...request.messages])[i] = mapped;
  }
  return messages ? { ...request, messages } : request;
}

/** Whether `test` holds for any text of the request (the texts {@link mapRequestText} maps), stopping at the first. */
export function someRequestText(request: ChatRequest, test: (text: string) => boolean): boolean {
  let found = false;
  mapRequestText(request, (text) => {
    if (!found && test(text)) found = true;
    return text;
  });
  return found;
}

function mapMessage(message: Message, fn: (text: string) => string): Message {
  switch (message.role) {
    case "system":
    case "tool": {
      const content = mapContent(message.content, fn);
      return content === message.content ? message : { ...message, content };
    }
    case "user": {
      const content = mapContent(message.content, fn);
      return content === message.content ? message : { ...message, content };
    }
    case "assistant": {
      const content = message.content == null ? message.content : mapContent(message.content, fn);
      const toolCalls = message.toolCalls ? mapToolCalls(message.toolCalls, fn) : message.toolCalls;
      if (content === message.content && toolCalls === message.toolCalls) return message;
      const out: { -readonly [K in keyof typeof message]: (typeof message)[K] } = { ...message };
      if (content !== message.content) out.content = content;
      if (toolCalls !== message.toolCalls) out.toolCalls = toolCalls;
      return out;
    }
  }
}

/** String content, or the text parts of a list (other parts kept as they are). */
function mapContent<P extends { readonly type: string }>(content: string | readonly P[], fn: (text: string) => string): string | readonly P[] {
  if (typeof content === "string") return fn(content);
  let parts: P[] | undefined;
  for (let i = 0; i < content.length; i++) {
    const part = content[i] as P;
    if (part.type === "file") {
      const mapped = mapTextFile(part as unknown as FilePart, fn);
      if (mapped !== (part as unknown)) (parts ??= [...content])[i] = mapped as unknown as P;
      continue;
    }
    if (part.type !== "text") continue;
    const text = (part as unknown as TextPart).text;
    const mapped = fn(text);
    if (mapped !== text) (parts ??= [...content])[i] = { ...part, text: mapped };
  }
  return parts ?? content;
}

/** A text document's content and file name through `fn` (the providers send both as text); any other file as it is. */
function mapTextFile(part: FilePart, fn: (text: string) => string): FilePart {
  const filename = part.filename === undefined ? undefined : fn(part.filename);
  if (!("data" in part) || !part.mediaType.toLowerCase().startsWith("text/")) return filename === part.filename ? part : { ...part, ...(filename !== undefined ? { filename } : {}) };
  const text = decodeBase64Text(part.data);
  const mapped = fn(text);
  if (mapped === text && filename === part.filename) return part;
  return { ...part, data: mapped === text ? part.data : encodeBase64Text(mapped), ...(filename !== undefined ? { filename } : {}) };
}

function mapToolCalls(calls: readonly ToolCallInput[], fn: (text: string) => string): readonly ToolCallInput[] {
  let out: ToolCallInput[] | undefined;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i] as ToolCallInput;
    const argumentsText = call.argumentsText === undefined ? undefined : fn(call.argumentsText);
    const args = argumentsText === undefined ? mapStrings(call.arguments, fn) : argumentsOf(call, argumentsText, fn);
    if (argumentsText === call.argumentsText && args === call.arguments) continue;
    (out ??= [...calls])[i] = { ...call, ...(argumentsText !== undefined ? { argumentsText } : {}), ...(args !== undefined ? { arguments: args } : {}) };
  }
  return out ?? calls;
}

/**
 * The parsed arguments that go with mapped `argumentsText`: parsed from it, so that each text is
 * mapped (and counted) once; the arguments themselves when the text did not change or does not parse.
 */
function argumentsOf(call: ToolCallInput, argumentsText: string, fn: (text: string) => string): unknown {
  if (argumentsText === call.argumentsText || call.arguments === undefined) return call.arguments;
  try {
    return JSON.parse(argumentsText) as unknown;
  } catch {
    return mapStrings(call.arguments, fn);
  }
}
