const marker = Symbol.for("proxyless.error");

/** Fields every proxyless error accepts. */
export interface ProxylessErrorOptions {
  /** Configured provider name, when a provider was involved. */
  readonly provider?: string;
  /** HTTP status from the provider (absent for errors inside a 200 stream and local errors). */
  readonly status?: number;
  /** Overrides the class default (for example from an `x-should-retry` header). */
  readonly retryable?: boolean;
  /** How long the provider asked us to wait (`retry-after(-ms)`, Gemini `RetryInfo`). */
  readonly retryAfterMs?: number;
  /** The provider's request id. */
  readonly requestId?: string;
  /** The provider's own error code or type (`insufficient_quota`, `overloaded_error`, `RESOURCE_EXHAUSTED`). */
  readonly code?: string;
  /** The original error (usually the SDK's). */
  readonly cause?: unknown;
}

/**
 * Base class of every error proxyless throws. Check with `ProxylessError.isInstance(err)` (works
 * across duplicate package copies) or `instanceof`.
 *
 * Middleware decides from these fields only (`retryable`, `retryAfterMs`, `status`), never from
 * SDK error classes: adapters translate every SDK error into a subclass.
 */
export class ProxylessError extends Error {
  readonly [marker] = true;
  override readonly name: string = "ProxylessError";
  readonly provider?: string;
  readonly status?: number;
  /** Whether trying again (same or another target) may succeed. */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly code?: string;

  constructor(message: string, options: ProxylessErrorOptions = {}, defaultRetryable = false) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? defaultRetryable;
    // Assigned only when present so that logs and `toEqual` comparisons stay free of undefined noise.
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.code !== undefined) this.code = options.code;
  }

  static isInstance(error: unknown): error is ProxylessError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
