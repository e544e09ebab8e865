import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse, ResponseMeta } from "../types/chat-response.js";
import type { RateLimitInfo } from "../types/rate-limit-info.js";
import type { AssistantMessage } from "../types/message.js";
import type { ProviderResult } from "../types/provider-adapter.js";
import { finalizeToolCall } from "./finalize-tool-call.js";
import { parseStructuredOutput } from "./parse-structured-output.js";

/**
 * Turns an adapter's result into the public response: parsed tool calls with ids, the assistant
 * message for the next turn, and the validated `object` when a format was asked for. Chat and
 * stream both end here, which is what makes their responses identical.
 *
 * `meta.attempts` and `meta.latencyMs` are filled by the client once the whole call is done.
 */
export async function finalizeResponse(result: ProviderResult, provider: string, request: ChatRequest): Promise<ChatResponse> {
  const toolCalls = result.toolCalls.length === 0 ? [] : result.toolCalls.map(finalizeToolCall);
  const message: AssistantMessage = { role: "assistant", content: result.text };
  if (toolCalls.length > 0) (message as { toolCalls?: unknown }).toolCalls = toolCalls;
  if (result.providerMetadata) (message as { providerMetadata?: unknown }).providerMetadata = result.providerMetadata;
  const meta = metaOf(result);
  // Built by assignment, not conditional spreads: this runs once per call and every spread allocates.
  const response: Mutable<ChatResponse> = {
    id: result.id ?? "",
    provider,
    model: result.model ?? "",
    text: result.text,
    toolCalls,
    finishReason: result.finishReason,
    rawFinishReason: result.rawFinishReason,
    usage: result.usage,
    meta,
    message,
    raw: result.raw,
  };
  if (result.reasoning) response.reasoning = result.reasoning;
  if (result.refusal) response.refusal = result.refusal;
  if (request.responseFormat) response.object = await parseStructuredOutput(response, request.responseFormat);
  fresh.add(response);
  return response;
}

/** Responses built by this call and not yet handed out: only these may still be completed in place. */
const fresh = new WeakSet<ChatResponse>();

/**
 * Whether `response` is one `finalizeResponse` built and nobody has completed yet. Claiming it
 * ends that: a middleware that keeps the object (a cache) and returns it again later gets a copy.
 */
export function claimFreshResponse(response: ChatResponse): boolean {
  return fresh.delete(response);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The response meta, attempts and latency still to come. A rate-limit function becomes a getter
 * that parses on first read and then keeps the value as a plain property. The getter is written
 * in the literal: `Object.defineProperty` on the hot path would cost more than the parse it saves.
 */
function metaOf(result: ProviderResult): Mutable<ResponseMeta> {
  const warnings = result.warnings ?? [];
  const source = result.rateLimit;
  const meta: Mutable<ResponseMeta> =
    typeof source === "function"
      ? {
          cached: false,
          attempts: [],
          latencyMs: 0,
          warnings,
          get rateLimit(): RateLimitInfo | undefined {
            const value = source();
            Object.defineProperty(this, "rateLimit", { value, enumerable: true, configurable: true, writable: true });
            return value;
          },
        }
      : { cached: false, attempts: [], latencyMs: 0, warnings };
  if (source !== undefined && typeof source !== "function") meta.rateLimit = source;
  if (result.requestId) meta.requestId = result.requestId;
  return meta;
}
