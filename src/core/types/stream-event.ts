import type { ChatResponse } from "./chat-response.js";
import type { ToolCall } from "./tool.js";

export interface TextDeltaEvent {
  readonly type: "text-delta";
  readonly text: string;
}

export interface ReasoningDeltaEvent {
  readonly type: "reasoning-delta";
  readonly text: string;
}

/** Refusal text as it streams (OpenAI); it never appears in `text-delta`. */
export interface RefusalDeltaEvent {
  readonly type: "refusal-delta";
  readonly text: string;
}

/** A fragment of a tool call's arguments; `id` and `name` come with the first fragment. */
export interface ToolCallDeltaEvent {
  readonly type: "tool-call-delta";
  /** Position of the call in `response.toolCalls`. */
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly argumentsDelta: string;
}

/** A tool call is complete (or, with `truncated`, was cut off). */
export interface ToolCallEvent {
  readonly type: "tool-call";
  readonly toolCall: ToolCall;
}

/**
 * A response whose `object` is known to be there: the case when the request's `responseFormat`
 * has a zod schema (its type is inferred). Without one it is a plain `ChatResponse`.
 */
export type ChatResponseOf<T> = unknown extends T ? ChatResponse : ChatResponse<T> & { readonly object: T };

/** A response whose tool calls are those of the request's tools ({@link ToolCallOf}); as it is without typed tools. */
export type WithToolCalls<Res, C> = [ToolCall] extends [C] ? Res : Omit<Res, "toolCalls"> & { readonly toolCalls: readonly C[] };

/** Always the last event: the same response the non-streaming call would give. */
export interface FinishEvent<T = unknown> {
  readonly type: "finish";
  readonly response: ChatResponseOf<T>;
}

export type StreamEvent<T = unknown> =
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | RefusalDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | FinishEvent<T>;

/**
 * What `llm.stream()` returns: iterate it for events, or call `final()` for the response.
 * Breaking out of the loop aborts the HTTP request.
 *
 * @example
 * ```ts
 * const stream = llm.stream({ model: "openai/gpt-4o-mini", messages });
 * for await (const ev of stream) if (ev.type === "text-delta") process.stdout.write(ev.text);
 * const res = await stream.final();
 * ```
 */
export interface ChatStream<T = unknown, C = ToolCall> extends AsyncIterable<StreamEvent<T>> {
  /**
   * Consumes the rest of the stream and resolves the response: all of it if not yet iterated,
   * what is left after a partial read. Rejects with the stream's error, at once after `abort()`.
   */
  final(): Promise<WithToolCalls<ChatResponseOf<T>, C>>;
  /**
   * Aborts the call: the HTTP request is closed, and `final()` and any further read reject with
   * an `AbortError` at once (never retryable).
   */
  abort(reason?: unknown): void;
}
