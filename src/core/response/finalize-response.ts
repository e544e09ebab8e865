import type { ChatRequest } from "../types/chat-request.js";
import type { AttemptRecord, CallTimings, ChatResponse, ResponseMeta } from "../types/chat-response.js";
import type { RateLimitInfo } from "../types/rate-limit-info.js";
import type { AssistantMessage } from "../types/message.js";
import type { ProviderResult } from "../types/provider-adapter.js";
import { finalizeToolCall } from "./finalize-tool-call.js";
import { parseStructuredOutput } from "./parse-structured-output.js";

/** A response just built, not yet handed to anyone: the attempt that made it fills in the call so far. */
export type FreshResponse = Omit<ChatResponse, "meta"> & { readonly meta: Mutable<ResponseMeta> };

/**
 * Turns an adapter's result into the public response: parsed tool calls with ids, the assistant
 * message for the next turn, and the validated `object` when a format was asked for. Chat and
 * stream both end here, which is what makes their responses identical.
 *
 * `meta.attempts` and `meta.latencyMs` are the attempt's to fill in before it hands the response
 * on; once handed on, nothing changes it (the client builds the call's final response anew).
 */
export async function finalizeResponse(result: ProviderResult, provider: string, request: ChatRequest): Promise<FreshResponse> {
  const toolCalls = result.toolCalls.length === 0 ? [] : result.toolCalls.map(finalizeToolCall);
  const message: AssistantMessage = { role: "assistant", content: result.text };
  if (toolCalls.length > 0) (message as { toolCalls?: unknown }).toolCalls = toolCalls;
  if (result.providerMetadata) (message as { providerMetadata?: unknown }).providerMetadata = result.providerMetadata;
  const meta = metaOf(result);
  // Built by assignment, not conditional spreads: this runs once per call and every spread allocates.
  const response: Mutable<FreshResponse> = {
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
  return response;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The response meta, attempts and latency still to come. A rate-limit function becomes a getter
 * that parses on first read and remembers the value in its closure: the object itself never
 * changes, and a copy of it ({@link completeMeta}) shares the one parse. The getter is written in
 * the literal: `Object.defineProperty` on the hot path would cost more than the parse it saves.
 */
function metaOf(result: ProviderResult): Mutable<ResponseMeta> {
  const warnings = result.warnings ?? [];
  const source = result.rateLimit;
  let meta: Mutable<ResponseMeta>;
  if (typeof source === "function") {
    let parsed = false;
    let value: RateLimitInfo | undefined;
    meta = {
      cached: false,
      attempts: [],
      latencyMs: 0,
      warnings,
      get rateLimit(): RateLimitInfo | undefined {
        if (!parsed) {
          value = source();
          parsed = true;
        }
        return value;
      },
    };
  } else meta = { cached: false, attempts: [], latencyMs: 0, warnings };
  if (source !== undefined && typeof source !== "function") meta.rateLimit = source;
  if (result.requestId) meta.requestId = result.requestId;
  return meta;
}

/**
 * A copy of a response with some meta fields set, for middleware: the response they were handed
 * stays as it is, and a lazy `rateLimit` stays lazy.
 */
export function withMeta(response: ChatResponse, fields: Partial<ResponseMeta>): ChatResponse {
  const meta = completeMeta(response.meta, response.meta.attempts, response.meta.latencyMs, response.meta.timeToFirstTokenMs) as Mutable<ResponseMeta>;
  Object.assign(meta, fields);
  return { ...response, meta };
}

/**
 * The call's final meta: a new object with the call-level values, the one a middleware may hold
 * left as it is. A lazy `rateLimit` is read here, once (its getter remembers the value for the
 * original too), and the copy holds it as data: copying an object with an accessor field by field
 * cost 7 µs a copy in V8, against 3 µs for the parse and 0.3 µs for a plain copy; a client with no
 * middleware never copies, and keeps it lazy.
 */
export function completeMeta(
  meta: ResponseMeta,
  attempts: readonly AttemptRecord[],
  latencyMs: number,
  timeToFirstTokenMs: number | undefined,
  timings?: CallTimings,
): ResponseMeta {
  // `Object.assign`, not `{ ...meta }`: keys added to a spread copy (timings) cost V8 about a
  // microsecond each. It reads a lazy `rateLimit` and copies its value.
  const out: Mutable<ResponseMeta> = Object.assign({}, meta);
  out.attempts = attempts;
  out.latencyMs = latencyMs;
  if (timings) out.timings = timings;
  if (timeToFirstTokenMs !== undefined) out.timeToFirstTokenMs = timeToFirstTokenMs;
  return out;
}
