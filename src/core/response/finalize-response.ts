import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";
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
  const toolCalls = result.toolCalls.map(finalizeToolCall);
  const message: AssistantMessage = {
    role: "assistant",
    content: result.text,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(result.providerMetadata ? { providerMetadata: result.providerMetadata } : {}),
  };
  const response: ChatResponse = {
    id: result.id ?? "",
    provider,
    model: result.model ?? "",
    text: result.text,
    ...(result.reasoning ? { reasoning: result.reasoning } : {}),
    ...(result.refusal ? { refusal: result.refusal } : {}),
    toolCalls,
    finishReason: result.finishReason,
    rawFinishReason: result.rawFinishReason,
    usage: result.usage,
    meta: {
      cached: false,
      attempts: [],
      latencyMs: 0,
      warnings: result.warnings ?? [],
      ...(result.requestId ? { requestId: result.requestId } : {}),
      ...(result.rateLimit ? { rateLimit: result.rateLimit } : {}),
    },
    message,
    raw: result.raw,
  };
  if (!request.responseFormat) return response;
  return { ...response, object: await parseStructuredOutput(response, request.responseFormat) };
}
