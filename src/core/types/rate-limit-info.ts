/** One limit window as the provider reports it in response headers. */
export interface RateLimitWindow {
  readonly limit?: number;
  readonly remaining?: number;
  /** Epoch milliseconds when the window resets. */
  readonly resetAt?: number;
}

/**
 * Rate-limit state parsed from response headers (OpenAI `x-ratelimit-*`, Anthropic
 * `anthropic-ratelimit-*`). Gemini sends none.
 */
export interface RateLimitInfo {
  readonly requests?: RateLimitWindow;
  readonly tokens?: RateLimitWindow;
  readonly inputTokens?: RateLimitWindow;
  readonly outputTokens?: RateLimitWindow;
}
