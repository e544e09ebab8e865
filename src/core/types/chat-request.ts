import type { Message } from "./message.js";
import type { SchemaInput } from "./schema.js";
import type { ToolChoice, ToolDefinition } from "./tool.js";

/**
 * Ask for JSON output. With a `schema`, each provider's native structured-output mode is used and
 * the result is validated into `response.object`.
 */
export interface ResponseFormat<S extends SchemaInput = SchemaInput> {
  readonly type: "json";
  /** JSON Schema or zod schema. Without it the model is only asked for some JSON object. */
  readonly schema?: S;
  /**
   * Schema name sent to providers that want one (OpenAI's `json_schema.name`): 1-64 characters of
   * `a-z A-Z 0-9 _ -`, checked for every provider so a request stays valid wherever it is routed.
   * @default "response"
   */
  readonly name?: string;
}

/** Reasoning ("thinking") controls; each adapter maps them to its provider's knobs. */
export interface ReasoningOptions {
  /**
   * Effort level. OpenAI: `reasoning_effort`; Anthropic: adaptive thinking with
   * `output_config.effort`; Gemini: `thinkingLevel`.
   */
  readonly effort?: "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";
  /**
   * Token budget for thinking. Anthropic: `thinking.budget_tokens`; Gemini: `thinkingBudget`.
   * OpenAI has no budget knob: it is reported as a warning.
   */
  readonly budgetTokens?: number;
}

/** Per-call cache controls, read by the cache middleware. */
export interface CacheOptions {
  /** Time to live of an entry written by this call. */
  readonly ttlMs?: number;
  /**
   * `default` reads and writes; `bypass` neither reads nor writes; `refresh` skips the read but
   * writes; `no-store` reads but does not write.
   * @default "default"
   */
  readonly mode?: "default" | "bypass" | "refresh" | "no-store";
}

/**
 * One chat completion request, the same for every provider.
 *
 * @example
 * ```ts
 * const req: ChatRequest = {
 *   model: "anthropic/claude-haiku-4-5",
 *   messages: [{ role: "user", content: "Hi" }],
 *   maxTokens: 200,
 * };
 * ```
 */
export interface ChatRequest<S extends SchemaInput = SchemaInput> {
  /** `provider/model` (split at the first `/`) or an alias from `models`. */
  readonly model: string;
  readonly messages: readonly Message[];
  readonly tools?: readonly ToolDefinition[];
  /** @default "auto" */
  readonly toolChoice?: ToolChoice;
  readonly responseFormat?: ResponseFormat<S>;
  /** Maximum output tokens. Anthropic requires one: proxyless sends 4096 when unset. */
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  readonly reasoning?: ReasoningOptions;
  /**
   * Merged verbatim, last, into the request body of that provider type's SDK call: the escape hatch
   * for any provider feature proxyless does not model.
   *
   * @example
   * ```ts
   * providerOptions: { openai: { service_tier: "flex" }, anthropic: { service_tier: "standard_only" }, google: { topK: 40 } }
   * ```
   */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** String tags (tenant, user, feature) for middleware: routing, budgets, tracing. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly cache?: CacheOptions;
  /**
   * Cancels the call: every attempt's HTTP request is aborted, and the call rejects with an
   * `AbortError` (a `TimeoutError` for `AbortSignal.timeout()`), never retryable. A middleware that
   * hands on a request with a signal of its own cancels only what follows it (one attempt, for
   * attempt-scope middleware); the caller's signal still applies.
   */
  readonly signal?: AbortSignal;
  /**
   * Per attempt: the time allowed until the provider starts answering (its response headers),
   * passed to the SDK's own timeout. For `chat` that is in practice the whole answer (providers send
   * a non-streamed body once it is complete); for `stream`, the wait for the first bytes. A stream
   * that then stalls is bounded by your `signal`.
   */
  readonly timeoutMs?: number;
}
