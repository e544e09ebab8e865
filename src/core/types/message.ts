import type { ProviderMetadata } from "./provider-metadata.js";
import type { ToolCallInput } from "./tool.js";

/** Plain text content. */
export interface TextPart {
  readonly type: "text";
  readonly text: string;
}

/**
 * An image, either by URL or inline.
 *
 * @example
 * ```ts
 * { type: "image", url: "https://example.com/cat.png" }
 * { type: "image", data: base64String, mediaType: "image/png" }
 * ```
 */
export type ImagePart =
  | {
      readonly type: "image";
      readonly url: string;
      /** Optional for URLs; Gemini needs it and proxyless guesses it from the extension when absent. */
      readonly mediaType?: string;
    }
  | {
      readonly type: "image";
      /** Base64 string or raw bytes. */
      readonly data: string | Uint8Array;
      readonly mediaType: string;
    };

/**
 * A document (PDF, plain text, ...), inline or by URL.
 *
 * @example
 * ```ts
 * { type: "file", data: pdfBytes, mediaType: "application/pdf", filename: "report.pdf" }
 * ```
 */
export type FilePart =
  | {
      readonly type: "file";
      /** Base64 string or raw bytes. */
      readonly data: string | Uint8Array;
      readonly mediaType: string;
      readonly filename?: string;
    }
  | {
      readonly type: "file";
      readonly url: string;
      readonly mediaType: string;
      readonly filename?: string;
    };

/** A part of a user message. */
export type UserContentPart = TextPart | ImagePart | FilePart;

export interface SystemMessage {
  readonly role: "system";
  readonly content: string | readonly TextPart[];
}

export interface UserMessage {
  readonly role: "user";
  readonly content: string | readonly UserContentPart[];
}

/**
 * A previous model turn. Pass `response.message` back as-is to continue a conversation: it carries
 * the opaque provider data (Anthropic thinking signatures, Gemini thought signatures) that
 * multi-turn tool use needs.
 */
export interface AssistantMessage {
  readonly role: "assistant";
  readonly content?: string | readonly TextPart[] | null;
  readonly toolCalls?: readonly ToolCallInput[];
  /** Opaque per-provider data; each adapter reads only its own key. */
  readonly providerMetadata?: ProviderMetadata;
}

/** The result of a tool call, answering the assistant's `toolCalls[].id`. */
export interface ToolMessage {
  readonly role: "tool";
  readonly toolCallId: string;
  readonly content: string | readonly TextPart[];
  /** Marks the result as a failure (Anthropic `is_error`; a note for the others). @default false */
  readonly isError?: boolean;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
