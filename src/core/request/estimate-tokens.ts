import type { ChatRequest } from "../types/chat-request.js";
import type { Message } from "../types/message.js";
import { toJsonSchema } from "../schema/standard-schema.js";

/** Characters per token for English text and JSON with the providers' tokenizers (measured: see docs/rate-limits.md). */
const CHARS_PER_TOKEN = 4;
/** What every message costs beyond its text (role, separators), as OpenAI documents for its chat format. */
const PER_MESSAGE = 4;
/** An image or a file part: a typical 1024-pixel image is 765 (OpenAI) to about 1 600 (Anthropic) tokens. */
const PER_ATTACHMENT = 1_000;

/**
 * A provider-neutral estimate of a request's input tokens, without a tokenizer: characters / 4 of
 * every text (messages, tool calls, tool definitions, the output schema), 4 per message, 1 000 per
 * image or file. It is reserved before a call and settled to the real usage after, so its error
 * only decides how early a `tpm` limit starts holding requests back.
 */
export function estimateInputTokens(request: ChatRequest): number {
  let chars = 0;
  let fixed = 0;
  for (const message of request.messages) {
    fixed += PER_MESSAGE;
    const counted = countMessage(message);
    chars += counted.chars;
    fixed += counted.attachments * PER_ATTACHMENT;
  }
  if (request.tools?.length) chars += jsonLength(request.tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: schemaOf(tool.parameters) })));
  if (request.responseFormat?.schema !== undefined) chars += jsonLength(schemaOf(request.responseFormat.schema));
  return Math.ceil(chars / CHARS_PER_TOKEN) + fixed;
}

/** Characters / 4, at least 1: the estimator's text rule on its own (used to measure it). */
export function estimateTextTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN));
}

function countMessage(message: Message): { chars: number; attachments: number } {
  switch (message.role) {
    case "system":
    case "tool":
      return { chars: textLength(message.content), attachments: 0 };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      const callChars = calls.reduce((sum, call) => sum + call.name.length + (call.argumentsText?.length ?? jsonLength(call.arguments)), 0);
      return { chars: textLength(message.content ?? "") + callChars, attachments: 0 };
    }
    case "user": {
      if (typeof message.content === "string") return { chars: message.content.length, attachments: 0 };
      let chars = 0;
      let attachments = 0;
      for (const part of message.content) {
        if (part.type === "text") chars += part.text.length;
        else attachments += 1;
      }
      return { chars, attachments };
    }
  }
}

function textLength(content: string | readonly { readonly text: string }[]): number {
  return typeof content === "string" ? content.length : content.reduce((sum, part) => sum + part.text.length, 0);
}

function schemaOf(schema: unknown): unknown {
  try {
    return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
  } catch {
    return schema;
  }
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
