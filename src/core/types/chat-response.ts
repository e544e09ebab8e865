import type { FinishReason } from "./finish-reason.js";
import type { AssistantMessage } from "./message.js";
import type { RateLimitInfo } from "./rate-limit-info.js";
import type { Target } from "./target.js";
import type { ToolCall } from "./tool.js";
import type { Usage } from "./usage.js";
import type { Warning } from "./warning.js";

/** One attempt made for a call: which target, how long, and how it ended. */
export interface AttemptRecord {
  /** The attempt's place in the call, in the order attempts started (`context.attempt.number`). */
  readonly number: number;
  /** The attempt's unique id (`context.attempt.id`). */
  readonly id: string;
  readonly target: Target;
  /**
   * Milliseconds from sending to the end of the response (of the stream, for streams); for an
   * attempt a middleware ended before anything was sent (a breaker, a limiter), from its start
   * to that end.
   */
  readonly durationMs: number;
  /** The typed error when the attempt failed. */
  readonly error?: Error;
  /**
   * Milliseconds the provider had this attempt: from the adapter's call into the SDK to the
   * answer (a chat's parsed body; a stream's last part). Absent for an attempt that never reached
   * the adapter.
   */
  readonly providerMs?: number;
  /**
   * Milliseconds from the adapter's call into the SDK to the response's headers: for streams, and
   * for chats on OpenAI, Anthropic and OpenAI-compatible endpoints (`@google/genai` gives a chat's
   * answer only once the body is read, without its headers' moment: there, `providerMs` is all
   * there is).
   */
  readonly headersMs?: number;
  /** Streams: milliseconds from the adapter's call into the SDK to the first event of the answer (text, reasoning, a tool call). */
  readonly firstTokenMs?: number;
  /** What this attempt cost, when it got an answer with usage from a priced model. */
  readonly cost?: Cost;
}

/**
 * Where a call's time went, in milliseconds; the parts add up to `meta.latencyMs`. In a hedged
 * call, attempts overlap: `providerMs` is the time any attempt was with a provider, and the
 * overhead what is left.
 */
export interface CallTimings {
  /** Waiting for rate-limit permits and pauses (`rateLimit()`). */
  readonly queuedMs: number;
  /** Waiting between tries (`retry()`'s backoff and retry-after). */
  readonly backoffMs: number;
  /** Waiting on the cache's store (lookups, and writes on the call's path). */
  readonly cacheMs: number;
  /** The provider's time: see `AttemptRecord.providerMs`. */
  readonly providerMs: number;
  /**
   * Everything else: proxyless's own work and the SDK's (building the request, mapping the
   * answer, middleware), the total minus every wait above.
   */
  readonly overheadMs: number;
}

/**
 * What a call cost in US dollars, from the price of the model that answered and the usage it
 * reported. The parts follow `Usage`: `inputUsd` covers every input token, cached and cache-write
 * ones included (`cachedInputUsd` and `cacheWriteUsd` are parts of it), and `outputUsd` every
 * output token, reasoning included (`reasoningUsd` is part of it).
 */
export interface Cost {
  /** The total: `inputUsd + outputUsd` (plus any per-request fee the price has). */
  readonly usd: number;
  readonly inputUsd: number;
  /** Input tokens read from the provider's prompt cache (part of `inputUsd`). */
  readonly cachedInputUsd: number;
  /** Input tokens written to the provider's prompt cache (part of `inputUsd`). */
  readonly cacheWriteUsd: number;
  readonly outputUsd: number;
  /** Reasoning tokens, priced as output (part of `outputUsd`), where the provider reports them. */
  readonly reasoningUsd?: number;
  /**
   * Where the price came from: `"@pydantic/genai-prices@<version>"` (its bundled data) or
   * `"config"` (the client's `prices`).
   */
  readonly priceSource: string;
  /** The date of the price data (`YYYY-MM-DD`): the bundled data's release, or `"config"`'s own. */
  readonly priceDate: string;
  /** The model id the price is for, as the price data names it. */
  readonly pricedModel: string;
}

/** What a cache did for a call (`meta.cache`), set by the cache middleware. */
export interface CacheInfo {
  /**
   * `hit`: served from the cache; `miss`: fetched and stored (when it could be); `skip`: the store
   * failed, so the call went upstream without it; `bypass`: the request asked for no caching;
   * `refresh`: fetched anew and stored.
   */
  readonly status: "hit" | "miss" | "skip" | "bypass" | "refresh";
  /** The cache key (a versioned hash). */
  readonly key?: string;
  /** Milliseconds since the entry was stored (hits only). */
  readonly ageMs?: number;
  /** `true` when the answer came from a call another request in flight made (single flight). */
  readonly shared?: boolean;
}

/** What happened around the call, beyond the model's answer. */
export interface ResponseMeta {
  /** `true` when the response was served from a cache, not by the provider. @default false */
  readonly cached: boolean;
  /** What the cache middleware did, when there is one. */
  readonly cache?: CacheInfo;
  /**
   * Every attempt of this call that had finished when it completed, in the order they finished
   * (empty when answered from a cache). An attempt still running then (the loser of a hedge) is
   * not in it.
   */
  readonly attempts: readonly AttemptRecord[];
  /** Milliseconds from `chat()`/`stream()` to the complete response. */
  readonly latencyMs: number;
  /** Where `latencyMs` went: waits for limits, backoff and the cache, the provider, proxyless itself. */
  readonly timings?: CallTimings;
  /** Milliseconds from `stream()` to the first content event (streams only). */
  readonly timeToFirstTokenMs?: number;
  /** The provider's request id (`x-request-id`, `request-id`), for support tickets. */
  readonly requestId?: string;
  /** Rate-limit headers of the last response. */
  readonly rateLimit?: RateLimitInfo;
  readonly warnings: readonly Warning[];
  /** What `guardrails()` did to the call: each check that redacted, restored, repaired or passed it. */
  readonly guardrails?: readonly GuardrailNote[];
}

/** One guardrail's record on a response (`meta.guardrails`). */
export interface GuardrailNote {
  /** The check's name (`pii`, `maxInputSize`, a user check's `name`). */
  readonly check: string;
  /** Which side of the call it ran on. */
  readonly side: "input" | "output";
  /**
   * `redacted`: it replaced parts of the request before it was sent; `restored`: it put the
   * originals back into the answer; `repaired`: the answer failed and a repair attempt fixed it;
   * `passed`: it ran and found nothing.
   */
  readonly action: "redacted" | "restored" | "repaired" | "passed";
  /** How many items it acted on (redactions by kind, when it redacted). */
  readonly count?: number;
  /** Counts by kind (`email`, `phone`, `card`, `iban`, `secret`), never the values. */
  readonly kinds?: Readonly<Record<string, number>>;
}

/**
 * The normalised answer. `llm.chat` and the `finish` event of `llm.stream` carry the same shape.
 * Only the first choice is normalised; any others stay in `raw`.
 */
export interface ChatResponse<T = unknown> {
  /** The provider's response id. */
  readonly id: string;
  /** The configured provider name that answered. */
  readonly provider: string;
  /** The model as the provider reported it (often a dated snapshot of the requested one). */
  readonly model: string;
  /** All text output concatenated; `""` when there is none. */
  readonly text: string;
  /** Thinking / reasoning text, when the provider returns it. */
  readonly reasoning?: string;
  /** The model's refusal message (OpenAI `refusal`). */
  readonly refusal?: string;
  readonly toolCalls: readonly ToolCall[];
  /** The validated structured output, present whenever `responseFormat` was set. */
  readonly object?: T;
  readonly finishReason: FinishReason;
  /** The provider's own finish value (`end_turn`, `STOP`, `stop`, ...); `""` when it sent none. */
  readonly rawFinishReason: string;
  readonly usage: Usage;
  /**
   * What the call cost: the sum over its attempts that reported usage (`meta.attempts[].cost`),
   * which is the answer's own cost unless an earlier attempt was charged too. Absent when a model
   * that answered has no price (a warning in `meta.warnings` says which), when the answer came
   * from a cache (it cost nothing), and with `prices: false`.
   */
  readonly cost?: Cost;
  readonly meta: ResponseMeta;
  /** This turn as an assistant message, ready to append to `messages` for the next call. */
  readonly message: AssistantMessage;
  /** The provider's own response object (for streams: the list of raw chunks). */
  readonly raw: unknown;
}
