import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse, ResponseMeta } from "../types/chat-response.js";
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
  const meta: Mutable<ResponseMeta> = { cached: false, attempts: [], latencyMs: 0, warnings: result.warnings ?? [] };
  if (result.requestId) meta.requestId = result.requestId;
  if (typeof result.rateLimit === "function") defineLazy(meta, "rateLimit", result.rateLimit);
  else if (result.rateLimit) meta.rateLimit = result.rateLimit;
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

/** A property computed on first read, then kept as a plain value (JSON and spreads see the value). */
function defineLazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
