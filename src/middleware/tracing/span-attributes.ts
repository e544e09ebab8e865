import type { Attributes, Span } from "@opentelemetry/api";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse, Cost, GuardrailNote } from "../../core/types/chat-response.js";
import type { Usage } from "../../core/types/usage.js";
import type { ProviderInfo } from "./provider-info.js";
import { ATTR, PROXYLESS } from "./semconv.js";

/** The attribute that names the provider: `gen_ai.provider.name`, or `gen_ai.system` in legacy mode. */
export function providerAttribute(semconv: "latest" | "legacy"): string {
  return semconv === "legacy" ? ATTR.system : ATTR.providerName;
}

/** The request's sampling parameters, as every span of the call reports them. */
export function setRequestAttributes(span: Span, request: ChatRequest, stream: boolean): void {
  span.setAttribute(ATTR.requestStream, stream);
  if (request.maxTokens !== undefined) span.setAttribute(ATTR.requestMaxTokens, request.maxTokens);
  if (request.temperature !== undefined) span.setAttribute(ATTR.requestTemperature, request.temperature);
  if (request.topP !== undefined) span.setAttribute(ATTR.requestTopP, request.topP);
  if (request.seed !== undefined) span.setAttribute(ATTR.requestSeed, request.seed);
  if (request.stop !== undefined) span.setAttribute(ATTR.requestStopSequences, typeof request.stop === "string" ? [request.stop] : [...request.stop]);
}

/** Where an attempt went, on its span and its metrics. */
export function setServerAttributes(target: Attributes, info: ProviderInfo): void {
  if (info.serverAddress === undefined) return;
  target[ATTR.serverAddress] = info.serverAddress;
  if (info.serverPort !== undefined) target[ATTR.serverPort] = info.serverPort;
}

/** What the model answered: id, model and finish reasons (the provider's own value, one per choice). */
export function setResponseAttributes(span: Span, response: ChatResponse): void {
  if (response.id !== "") span.setAttribute(ATTR.responseId, response.id);
  if (response.model !== "") span.setAttribute(ATTR.responseModel, response.model);
  span.setAttribute(ATTR.responseFinishReasons, [response.rawFinishReason !== "" ? response.rawFinishReason : response.finishReason]);
  span.setAttribute(PROXYLESS.finishReason, response.finishReason);
}

/**
 * Token usage under the conventions' names (the inference span) or proxyless's own (the call span,
 * so that a backend summing `gen_ai.usage.*` over spans does not count an answer twice). Input
 * includes cached tokens and output includes reasoning, as the conventions want.
 */
export function setUsageAttributes(span: Span, usage: Usage, names: "gen_ai" | "proxyless"): void {
  if (names === "proxyless") {
    span.setAttribute(PROXYLESS.usageInputTokens, usage.inputTokens);
    span.setAttribute(PROXYLESS.usageOutputTokens, usage.outputTokens);
    return;
  }
  span.setAttribute(ATTR.usageInputTokens, usage.inputTokens);
  span.setAttribute(ATTR.usageOutputTokens, usage.outputTokens);
  if (usage.cachedInputTokens !== undefined) span.setAttribute(ATTR.usageCacheReadInputTokens, usage.cachedInputTokens);
  if (usage.cacheWriteInputTokens !== undefined) span.setAttribute(ATTR.usageCacheCreationInputTokens, usage.cacheWriteInputTokens);
  if (usage.reasoningTokens !== undefined) span.setAttribute(ATTR.usageReasoningOutputTokens, usage.reasoningTokens);
}

/**
 * `error.type`: the error's class name (`ServerError`, `RateLimitError`, `CircuitOpenError`,
 * `TimeoutError`, ...), a small set, or `_OTHER` for a thrown value that is not an `Error`.
 */
export function errorType(error: unknown): string {
  return error instanceof Error && error.name !== "" ? error.name : "_OTHER";
}

/** The message for the span status. proxyless errors are scrubbed of keys by core before they get here. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "a value that is not an Error was thrown";
}

/** The error's HTTP status and provider code, when it has them. */
export function setErrorDetails(span: Span, error: unknown): void {
  if (typeof error !== "object" || error === null) return;
  const { status, code } = error as { readonly status?: unknown; readonly code?: unknown };
  if (typeof status === "number") span.setAttribute(ATTR.httpStatusCode, status);
  if (typeof code === "string" && code !== "") span.setAttribute(PROXYLESS.errorCode, code);
  // A guardrail's verdict: which check, on which side (never what it found).
  const { check, side } = error as { readonly check?: unknown; readonly side?: unknown };
  if (typeof check === "string") span.setAttribute(PROXYLESS.guardrailCheck, check);
  if (typeof side === "string") span.setAttribute(PROXYLESS.guardrailSide, side);
}

/** What a call or an attempt cost (no convention names cost yet: proxyless's own attributes). */
export function setCostAttributes(span: Span, cost: Cost | undefined): void {
  if (!cost) return;
  span.setAttributes({
    [PROXYLESS.costUsd]: cost.usd,
    [PROXYLESS.costInputUsd]: cost.inputUsd,
    [PROXYLESS.costOutputUsd]: cost.outputUsd,
    [PROXYLESS.costCachedInputUsd]: cost.cachedInputUsd,
    [PROXYLESS.costCacheWriteUsd]: cost.cacheWriteUsd,
    [PROXYLESS.costPriceSource]: cost.priceSource,
  });
}

/** What the guardrails did, as `check:side:action[:count]` entries (`pii:input:redacted:3`). */
export function setGuardrailAttributes(span: Span, notes: readonly GuardrailNote[] | undefined): void {
  if (!notes?.length) return;
  span.setAttribute(
    PROXYLESS.guardrails,
    notes.map((n) => `${n.check}:${n.side}:${n.action}${n.count !== undefined ? `:${n.count}` : ""}`),
  );
}
