/**
 * The OpenTelemetry GenAI semantic-convention names this middleware emits, copied rather than
 * imported from `@opentelemetry/semantic-conventions/incubating`, as that package's README advises
 * for experimental names (they may change in any minor release). Current names are those of
 * semantic conventions v1.41.1; `legacy` ones are those instrumentations emitted up to v1.36.
 *
 * @see https://github.com/open-telemetry/semantic-conventions/blob/v1.41.1/docs/gen-ai/gen-ai-spans.md
 * @module
 */

export const SEMCONV_VERSION = "1.41.1";

export const ATTR = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  /** Deprecated since v1.37 in favour of `gen_ai.provider.name`; emitted in `legacy` mode. */
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTemperature: "gen_ai.request.temperature",
  requestTopP: "gen_ai.request.top_p",
  requestStopSequences: "gen_ai.request.stop_sequences",
  requestSeed: "gen_ai.request.seed",
  requestStream: "gen_ai.request.stream",
  responseId: "gen_ai.response.id",
  responseModel: "gen_ai.response.model",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  responseTimeToFirstChunk: "gen_ai.response.time_to_first_chunk",
  usageInputTokens: "gen_ai.usage.input_tokens",
  usageOutputTokens: "gen_ai.usage.output_tokens",
  usageCacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  usageCacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  usageReasoningOutputTokens: "gen_ai.usage.reasoning.output_tokens",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
  systemInstructions: "gen_ai.system_instructions",
  /** v1.27-era content, as span events, in `legacy` mode. */
  legacyPrompt: "gen_ai.prompt",
  legacyCompletion: "gen_ai.completion",
  tokenType: "gen_ai.token.type",
  errorType: "error.type",
  serverAddress: "server.address",
  serverPort: "server.port",
  httpStatusCode: "http.response.status_code",
} as const;

/** proxyless's own attributes and events: what the conventions have no name for. */
export const PROXYLESS = {
  callId: "proxyless.call.id",
  provider: "proxyless.provider",
  attemptNumber: "proxyless.attempt.number",
  attemptId: "proxyless.attempt.id",
  attemptCount: "proxyless.attempt.count",
  attemptDuration: "proxyless.attempt.duration",
  keyIndex: "proxyless.key.index",
  cacheHit: "proxyless.cache.hit",
  cacheStatus: "proxyless.cache.status",
  finishReason: "proxyless.response.finish_reason",
  errorCode: "proxyless.error.code",
  streamClosed: "proxyless.stream.closed_early",
  usageInputTokens: "proxyless.usage.input_tokens",
  usageOutputTokens: "proxyless.usage.output_tokens",
  timingsQueued: "proxyless.timings.queued_ms",
  timingsBackoff: "proxyless.timings.backoff_ms",
  timingsCache: "proxyless.timings.cache_ms",
  timingsProvider: "proxyless.timings.provider_ms",
  timingsOverhead: "proxyless.timings.overhead_ms",
  costUsd: "proxyless.cost.usd",
  costInputUsd: "proxyless.cost.input_usd",
  costOutputUsd: "proxyless.cost.output_usd",
  costCachedInputUsd: "proxyless.cost.cached_input_usd",
  costCacheWriteUsd: "proxyless.cost.cache_write_usd",
  costPriceSource: "proxyless.cost.price_source",
  guardrails: "proxyless.guardrails",
  guardrailCheck: "proxyless.guardrail.check",
  guardrailSide: "proxyless.guardrail.side",
  eventRetry: "proxyless.retry",
  eventFallback: "proxyless.fallback",
  eventHedge: "proxyless.hedge",
  eventNotSent: "proxyless.attempt.not_sent",
  legacyPromptEvent: "gen_ai.content.prompt",
  legacyCompletionEvent: "gen_ai.content.completion",
} as const;

/** The conventions' advice for `s` histograms (operation duration, time to first chunk). */
export const DURATION_BUCKETS: readonly number[] = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** The conventions' advice for `gen_ai.client.token.usage`. */
export const TOKEN_BUCKETS: readonly number[] = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

export const METRIC_DEFAULTS = {
  operationDuration: { name: "gen_ai.client.operation.duration", unit: "s", description: "GenAI operation duration.", buckets: DURATION_BUCKETS },
  tokenUsage: { name: "gen_ai.client.token.usage", unit: "{token}", description: "Number of input and output tokens used.", buckets: TOKEN_BUCKETS },
  timeToFirstChunk: {
    name: "gen_ai.client.operation.time_to_first_chunk",
    unit: "s",
    description: "Time from the request to the first chunk of a streamed response.",
    buckets: DURATION_BUCKETS,
  },
  overhead: {
    name: "proxyless.client.overhead",
    unit: "s",
    description: "Time of a call spent neither with the provider nor waiting (limits, backoff, cache): proxyless's own work and the middleware's.",
    buckets: [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
  },
} as const;

/** The value of OTEL_SEMCONV_STABILITY_OPT_IN that asks for the latest experimental GenAI conventions. */
export const OPT_IN_LATEST = "gen_ai_latest_experimental";
