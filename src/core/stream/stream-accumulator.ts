import type { ProviderMetadata } from "../types/provider-metadata.js";
import type { ProviderResult, ProviderStreamPart, ProviderToolCall, RateLimitSource } from "../types/provider-adapter.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { Warning } from "../types/warning.js";
import { finalizeToolCall, synthesizeToolCallId } from "../response/finalize-tool-call.js";

type FinishPart = Extract<ProviderStreamPart, { type: "finish" }>;

interface PendingToolCall {
  id: string;
  name: string;
  argumentsText: string;
  providerMetadata?: ProviderMetadata;
  ended: boolean;
}

/**
 * Folds an adapter's stream parts into public events and, at the end, into the same
 * `ProviderResult` a non-streaming call returns. Synchronous and allocation-light: it sits on the
 * path of every streamed token.
 */
export class StreamAccumulator {
  #text = "";
  #reasoning = "";
  #refusal = "";
  readonly #toolCalls: PendingToolCall[] = [];
  #id: string | undefined;
  #model: string | undefined;
  #requestId: string | undefined;
  #rateLimit: RateLimitSource | undefined;
  #warnings: readonly Warning[] = [];

  /** Events to emit for a part (most parts map to themselves: the shapes are shared). */
  accept(part: Exclude<ProviderStreamPart, FinishPart>): StreamEvent | undefined {
    switch (part.type) {
      case "text-delta":
        this.#text += part.text;
        return part;
      case "reasoning-delta":
        this.#reasoning += part.text;
        return part;
      case "refusal-delta":
        this.#refusal += part.text;
        return part;
      case "tool-call-delta":
        return this.#toolDelta(part);
      case "tool-call-end":
        return this.#endToolCall(part.index, part.providerMetadata);
      case "response-metadata":
        this.#id = part.id ?? this.#id;
        this.#model = part.model ?? this.#model;
        this.#requestId = part.requestId ?? this.#requestId;
        this.#rateLimit = part.rateLimit ?? this.#rateLimit;
        if (part.warnings) this.#warnings = [...this.#warnings, ...part.warnings];
        return undefined;
    }
  }

  /** Completes calls the provider never closed (a cut-off tool call) and builds the result. */
  finish(part: FinishPart): { events: StreamEvent[]; result: ProviderResult } {
    const events: StreamEvent[] = [];
    for (let i = 0; i < this.#toolCalls.length; i++) {
      const event = this.#endToolCall(i, undefined);
      if (event) events.push(event);
    }
    const toolCalls: ProviderToolCall[] = this.#toolCalls.map(({ id, name, argumentsText, providerMetadata }) =>
      providerMetadata ? { id, name, argumentsText, providerMetadata } : { id, name, argumentsText },
    );
    const result: ProviderResult = {
      id: part.id ?? this.#id,
      model: part.model ?? this.#model,
      text: this.#text,
      ...(this.#reasoning ? { reasoning: this.#reasoning } : {}),
      ...(this.#refusal ? { refusal: this.#refusal } : {}),
      toolCalls,
      finishReason: part.finishReason,
      rawFinishReason: part.rawFinishReason,
      usage: part.usage,
      raw: part.raw,
      warnings: this.#warnings,
      ...(this.#requestId ? { requestId: this.#requestId } : {}),
      ...(this.#rateLimit ? { rateLimit: this.#rateLimit } : {}),
      ...(part.providerMetadata ? { providerMetadata: part.providerMetadata } : {}),
    };
    return { events, result };
  }

  #toolDelta(part: Extract<ProviderStreamPart, { type: "tool-call-delta" }>): StreamEvent {
    let call = this.#toolCalls[part.index];
    if (!call) {
      // The first fragment opens the call; ids are synthesised here so every event carries one.
      call = { id: part.id ?? synthesizeToolCallId(), name: part.name ?? "", argumentsText: "", ended: false };
      this.#toolCalls[part.index] = call;
      call.argumentsText = part.argumentsDelta;
      return part.id === call.id ? part : { ...part, id: call.id, name: call.name };
    }
    if (part.name && !call.name) call.name = part.name;
    call.argumentsText += part.argumentsDelta;
    return part;
  }

  #endToolCall(index: number, providerMetadata: ProviderMetadata | undefined): StreamEvent | undefined {
    const call = this.#toolCalls[index];
    if (!call || call.ended) return undefined;
    call.ended = true;
    if (providerMetadata) call.providerMetadata = providerMetadata;
    const { id, name, argumentsText } = call;
    return {
      type: "tool-call",
      toolCall: finalizeToolCall(call.providerMetadata ? { id, name, argumentsText, providerMetadata: call.providerMetadata } : { id, name, argumentsText }),
    };
  }
}
