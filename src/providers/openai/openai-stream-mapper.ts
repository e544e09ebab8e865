import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { convertOpenAIUsage, type OpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { reasoningOf } from "./map-openai-response.js";

/**
 * Maps Chat Completions chunks to stream parts, one chunk at a time. Only choice 0 is followed
 * (`n > 1` streams interleave choices); usage arrives in a last chunk with no choices
 * (`stream_options.include_usage`).
 */
export class OpenAIStreamMapper {
  readonly #chunks: ChatCompletionChunk[] = [];
  /** Provider tool index → our dense index, in order of first appearance. */
  readonly #toolIndex = new Map<number, number>();
  #started = false;
  #refusal = false;
  #finishReason: string | null = null;
  #usage: OpenAIUsage | null | undefined;
  #id: string | undefined;
  #model: string | undefined;

  map(chunk: ChatCompletionChunk): ProviderStreamPart[] {
    this.#chunks.push(chunk);
    const parts: ProviderStreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      this.#id = chunk.id;
      this.#model = chunk.model;
      parts.push({ type: "response-metadata", id: chunk.id, model: chunk.model });
    }
    if (chunk.usage) this.#usage = chunk.usage;
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      const delta = choice.delta;
      const reasoning = reasoningOf(delta);
      if (reasoning) parts.push({ type: "reasoning-delta", text: reasoning });
      if (delta.content) parts.push({ type: "text-delta", text: delta.content });
      if (delta.refusal) {
        this.#refusal = true;
        parts.push({ type: "refusal-delta", text: delta.refusal });
      }
      for (const call of delta.tool_calls ?? []) {
        let index = this.#toolIndex.get(call.index);
        if (index === undefined) {
          index = this.#toolIndex.size;
          this.#toolIndex.set(call.index, index);
        }
        parts.push({
          type: "tool-call-delta",
          index,
          ...(call.id ? { id: call.id } : {}),
          ...(call.function?.name ? { name: call.function.name } : {}),
          argumentsDelta: call.function?.arguments ?? "",
        });
      }
      if (choice.finish_reason) this.#finishReason = choice.finish_reason;
    }
    return parts;
  }

  /** The `finish` part, once the SDK's stream has ended. */
  finish(): ProviderStreamPart {
    return {
      type: "finish",
      finishReason: mapOpenAIFinishReason(this.#finishReason, { refusal: this.#refusal, toolCalls: this.#toolIndex.size > 0 }),
      rawFinishReason: this.#finishReason ?? "",
      usage: convertOpenAIUsage(this.#usage),
      raw: this.#chunks,
      ...(this.#id ? { id: this.#id } : {}),
      ...(this.#model ? { model: this.#model } : {}),
    };
  }

  /** Whether the stream carried a finish reason: one without is cut short, not finished. */
  get finished(): boolean {
    return this.#finishReason !== null;
  }
}
