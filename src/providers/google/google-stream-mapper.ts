import type { FunctionCall, GenerateContentResponse, GenerateContentResponseUsageMetadata } from "@google/genai";
import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { convertGoogleUsage } from "./convert-google-usage.js";
import { applyPartialArgs } from "./google-partial-args.js";
import { googleFinishOf } from "./map-google-finish-reason.js";
import { signatureMetadata, toolCallOf } from "./map-google-response.js";

/** A function call whose arguments are still arriving in `partialArgs` fragments. */
interface OpenCall {
  readonly index: number;
  readonly args: Record<string, unknown>;
  signature: string | undefined;
}

/**
 * Maps `generateContentStream` chunks to stream parts, one chunk at a time. Only candidate 0 is
 * followed. Each chunk's `usageMetadata` is a running total, so the last one is the usage.
 *
 * Gemini sends each function call whole, in one part: it becomes one `tool-call-delta` with the
 * full JSON and a `tool-call-end`. Vertex AI's streamed arguments (`streamFunctionCallArguments`)
 * open a call with `{ name, willContinue: true }`, add `partialArgs` fragments addressed by
 * JSONPath, and close it with a part whose `willContinue` is unset (usually `functionCall: {}`):
 * the name goes out at the opening, the assembled arguments as one delta at the close.
 */
export class GoogleStreamMapper {
  readonly #chunks: GenerateContentResponse[] = [];
  #started = false;
  #id: string | undefined;
  #model: string | undefined;
  #finishReason: string | undefined;
  #blockReason: string | undefined;
  #usage: GenerateContentResponseUsageMetadata | undefined;
  #toolCalls = 0;
  #open: OpenCall | undefined;
  /** The first thought signature on a part that is not a function call (see `mapGoogleResponse`). */
  #signature: string | undefined;

  map(chunk: GenerateContentResponse): ProviderStreamPart[] {
    this.#chunks.push(chunk);
    const parts: ProviderStreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      this.#id = chunk.responseId;
      this.#model = chunk.modelVersion;
      parts.push({ type: "response-metadata", ...(this.#id ? { id: this.#id } : {}), ...(this.#model ? { model: this.#model } : {}) });
    }
    if (chunk.usageMetadata) this.#usage = chunk.usageMetadata;
    this.#blockReason ??= chunk.promptFeedback?.blockReason;
    // With `candidateCount` > 1 a chunk may carry another candidate only.
    const candidate = chunk.candidates?.find((c) => (c.index ?? 0) === 0);
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        this.#functionCall(part.functionCall, part.thoughtSignature, parts);
        continue;
      }
      this.#signature ??= part.thoughtSignature;
      if (part.text) parts.push({ type: part.thought ? "reasoning-delta" : "text-delta", text: part.text });
    }
    if (candidate?.finishReason) {
      this.#finishReason = candidate.finishReason;
      // A call still open when the candidate ends is complete as far as it will ever get.
      this.#close(parts);
    }
    return parts;
  }

  /** The `finish` part, once the SDK's stream has ended. */
  finish(): ProviderStreamPart {
    const providerMetadata = signatureMetadata(this.#signature);
    return {
      type: "finish",
      ...googleFinishOf(this.#finishReason, this.#blockReason, { toolCalls: this.#toolCalls > 0 }),
      usage: convertGoogleUsage(this.#usage),
      raw: this.#chunks,
      ...(this.#id ? { id: this.#id } : {}),
      ...(this.#model ? { model: this.#model } : {}),
      ...(providerMetadata ? { providerMetadata } : {}),
    };
  }

  /**
   * Whether the stream carried a finish reason (or a prompt block, which ends a stream without
   * one): a stream without either is cut short, not finished.
   */
  get finished(): boolean {
    return this.#finishReason !== undefined || this.#blockReason !== undefined;
  }

  #functionCall(call: FunctionCall, signature: string | undefined, parts: ProviderStreamPart[]): void {
    if (call.name) {
      this.#close(parts);
      const index = this.#toolCalls++;
      if (!call.willContinue) {
        const { id, name, argumentsText, providerMetadata } = toolCallOf(call, signature);
        parts.push({ type: "tool-call-delta", index, ...(id ? { id } : {}), name, argumentsDelta: argumentsText });
        parts.push({ type: "tool-call-end", index, ...(providerMetadata ? { providerMetadata } : {}) });
        return;
      }
      this.#open = { index, args: { ...call.args }, signature };
      applyPartialArgs(this.#open.args, call.partialArgs);
      parts.push({ type: "tool-call-delta", index, ...(call.id ? { id: call.id } : {}), name: call.name, argumentsDelta: "" });
      return;
    }
    const open = this.#open;
    // A fragment with no call to continue has nothing to attach to.
    if (!open) return;
    applyPartialArgs(open.args, call.partialArgs);
    open.signature ??= signature;
    if (!call.willContinue) this.#close(parts);
  }

  #close(parts: ProviderStreamPart[]): void {
    const open = this.#open;
    if (!open) return;
    this.#open = undefined;
    const providerMetadata = signatureMetadata(open.signature);
    parts.push({ type: "tool-call-delta", index: open.index, argumentsDelta: JSON.stringify(open.args) });
    parts.push({ type: "tool-call-end", index: open.index, ...(providerMetadata ? { providerMetadata } : {}) });
  }
}
