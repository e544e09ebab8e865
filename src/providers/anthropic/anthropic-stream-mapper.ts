import type { RawContentBlockDelta, RawContentBlockStartEvent, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { thinkingMetadata, type AnthropicThinkingBlock } from "./anthropic-thinking-metadata.js";
import { convertAnthropicUsage, mergeAnthropicUsage, type AnthropicUsage } from "./convert-anthropic-usage.js";
import { refusalOf } from "./map-anthropic-response.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";

/** What an open content block (by its API `index`) is being assembled into. */
type OpenBlock =
  | { readonly kind: "tool"; readonly index: number }
  | { readonly kind: "thinking"; thinking: string; signature: string }
  | { readonly kind: "redacted"; readonly block: AnthropicThinkingBlock }
  | { readonly kind: "other" };

/**
 * Maps raw Messages API stream events to stream parts, one event at a time, so that the folded
 * result equals what `mapAnthropicResponse` gives for the same message:
 *
 * - A `tool_use` block opens a tool call (dense index from 0, in order of appearance) with its id
 *   and name; its arguments are the `input_json_delta` fragments (the `input: {}` of the start
 *   event is a placeholder that they replace). `content_block_stop` ends the call; a call whose
 *   block never stopped (cut by `max_tokens`) is left open for core to complete as truncated.
 * - Thinking blocks stream as reasoning, separated by a blank line as in the non-streaming result;
 *   each finished block is kept, with its signature, for `providerMetadata`.
 * - `message_delta` usage is cumulative: merged field by field over `message_start`'s.
 *
 * Unknown event and block types (new API features) are ignored; `raw` keeps every event.
 * @see https://platform.claude.com/docs/en/build-with-claude/streaming#event-types
 */
export class AnthropicStreamMapper {
  readonly #events: RawMessageStreamEvent[] = [];
  readonly #open = new Map<number, OpenBlock>();
  readonly #thinking: AnthropicThinkingBlock[] = [];
  #toolCount = 0;
  #reasoningSent = false;
  /** A new thinking block started after earlier reasoning: its first text is set apart. */
  #separate = false;
  #stopReason: string | null = null;
  #usage: AnthropicUsage | undefined;
  #id: string | undefined;
  #model: string | undefined;

  map(event: RawMessageStreamEvent): ProviderStreamPart[] {
    this.#events.push(event);
    switch (event.type) {
      case "message_start":
        this.#id = event.message.id;
        this.#model = event.message.model;
        this.#usage = event.message.usage;
        return [{ type: "response-metadata", id: event.message.id, model: event.message.model }];
      case "content_block_start":
        return this.#start(event.index, event.content_block);
      case "content_block_delta":
        return this.#delta(event.index, event.delta);
      case "content_block_stop":
        return this.#stop(event.index);
      case "message_delta": {
        this.#stopReason = event.delta.stop_reason ?? this.#stopReason;
        this.#usage = mergeAnthropicUsage(this.#usage, event.usage);
        const refusal = refusalOf(event.delta.stop_reason, event.delta.stop_details);
        return refusal ? [{ type: "refusal-delta", text: refusal }] : [];
      }
      default:
        return [];
    }
  }

  #start(at: number, block: RawContentBlockStartEvent["content_block"]): ProviderStreamPart[] {
    switch (block.type) {
      case "tool_use": {
        const index = this.#toolCount++;
        this.#open.set(at, { kind: "tool", index });
        return [{ type: "tool-call-delta", index, id: block.id, name: block.name, argumentsDelta: "" }];
      }
      case "thinking": {
        this.#open.set(at, { kind: "thinking", thinking: block.thinking, signature: block.signature });
        // Interleaved thinking: a later block is set apart by a blank line, as in the non-streaming result.
        this.#separate = this.#reasoningSent;
        return this.#reasoning(block.thinking);
      }
      case "redacted_thinking":
        this.#open.set(at, { kind: "redacted", block });
        return [];
      case "text":
        this.#open.set(at, { kind: "other" });
        return block.text ? [{ type: "text-delta", text: block.text }] : [];
      default:
        this.#open.set(at, { kind: "other" });
        return [];
    }
  }

  #delta(at: number, delta: RawContentBlockDelta): ProviderStreamPart[] {
    const block = this.#open.get(at);
    switch (delta.type) {
      case "text_delta":
        return delta.text ? [{ type: "text-delta", text: delta.text }] : [];
      case "thinking_delta":
        if (block?.kind === "thinking") block.thinking += delta.thinking;
        return this.#reasoning(delta.thinking);
      case "signature_delta":
        if (block?.kind === "thinking") block.signature += delta.signature;
        return [];
      case "input_json_delta":
        return block?.kind === "tool" && delta.partial_json
          ? [{ type: "tool-call-delta", index: block.index, argumentsDelta: delta.partial_json }]
          : [];
      default:
        return [];
    }
  }

  #stop(at: number): ProviderStreamPart[] {
    const block = this.#open.get(at);
    this.#open.delete(at);
    switch (block?.kind) {
      case "tool":
        return [{ type: "tool-call-end", index: block.index }];
      case "thinking":
        this.#thinking.push({ type: "thinking", thinking: block.thinking, signature: block.signature });
        return [];
      case "redacted":
        this.#thinking.push(block.block);
        return [];
      default:
        return [];
    }
  }

  #reasoning(text: string): ProviderStreamPart[] {
    if (!text) return [];
    const part: ProviderStreamPart = { type: "reasoning-delta", text: this.#separate ? `\n\n${text}` : text };
    this.#separate = false;
    this.#reasoningSent = true;
    return [part];
  }

  /** The `finish` part, once the SDK's stream has ended. */
  finish(): ProviderStreamPart {
    const providerMetadata = thinkingMetadata(this.#thinking);
    return {
      type: "finish",
      finishReason: mapAnthropicStopReason(this.#stopReason),
      rawFinishReason: this.#stopReason ?? "",
      usage: convertAnthropicUsage(this.#usage),
      raw: this.#events,
      ...(this.#id ? { id: this.#id } : {}),
      ...(this.#model ? { model: this.#model } : {}),
      ...(providerMetadata ? { providerMetadata } : {}),
    };
  }

  /** Whether the stream carried a stop reason: one without is cut short, not finished. */
  get finished(): boolean {
    return this.#stopReason !== null;
  }
}
