/**
 * The provider-neutral middle of the emulator: each wire reads its request into a
 * {@link ConversationView}, `generateReply` turns that into a {@link GeneratedReply}, and the wire
 * formats it back into its own JSON or SSE.
 */

/** Why the reply ended, before each wire maps it to its own value. */
export type ReplyFinish = "stop" | "length" | "tool_calls" | "content_filter" | "refusal" | "stop_sequence";

/** A tool choice in neutral terms: forced tools are `{ name }`. */
export type ToolChoiceView = "auto" | "none" | "required" | { readonly name: string };

/** What the reply depends on, read from any provider's request body. */
export interface ConversationView {
  readonly model: string;
  /** Who spoke last: a user turn, a turn of tool results, or an assistant (prefill). */
  readonly lastTurn: "user" | "tool" | "assistant";
  /** The text of the last message (tool results as text when `lastTurn` is `"tool"`). */
  readonly lastText: string;
  readonly tools: readonly { readonly name: string; readonly parameters: unknown }[];
  readonly toolChoice: ToolChoiceView;
  /** JSON output was asked for, with a schema or without one (plain JSON mode). */
  readonly output?: { readonly schema?: unknown };
  readonly maxTokens?: number;
  readonly stop: readonly string[];
  /** Reasoning/thinking was asked for. */
  readonly reasoning: boolean;
  /** Estimated prompt tokens. */
  readonly inputTokens: number;
}

/** A tool call, with its arguments as text (possibly cut by max tokens) and as stream fragments. */
export interface GeneratedToolCall {
  readonly name: string;
  /** `undefined` when `argumentsText` was cut and is no longer JSON. */
  readonly arguments: unknown;
  readonly argumentsText: string;
  /** `argumentsText` in about three pieces, for streams. */
  readonly fragments: readonly string[];
}

/** Thinking text with its stream pieces; each wire signs it where its provider does (`ReplyMeta.signer`). */
export interface GeneratedReasoning {
  readonly text: string;
  readonly pieces: readonly string[];
}

/** The content of one answer. */
export interface GeneratedReply {
  readonly text: string;
  /** `text` as stream deltas, about one token each; they join to `text`. */
  readonly textPieces: readonly string[];
  readonly reasoning?: GeneratedReasoning;
  readonly toolCalls: readonly GeneratedToolCall[];
  readonly finish: ReplyFinish;
  /** The stop sequence hit, with `finish: "stop_sequence"`. */
  readonly stopSequence?: string;
  /** `outputTokens` excludes reasoning; each wire adds `reasoningTokens` where its provider does. */
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number; readonly reasoningTokens: number };
}
