import type { MeterProvider, TracerProvider } from "@opentelemetry/api";

/**
 * What the tracer needs to know of one configured provider, which middleware cannot see: its type
 * (for `gen_ai.provider.name` and `gen_ai.operation.name`) and its `baseURL` (for `server.address`
 * and `server.port`). Shaped like the client's own `ProviderConfig`, so the `providers` map given to
 * `createClient` can be passed as it is: every other key of an entry (`apiKey`, `headers`, ...) is
 * ignored and never read.
 */
export interface TracedProvider {
  /**
   * `openai`, `anthropic`, `google`, `openai-compatible`, or anything else for a custom adapter.
   * @default the provider's name when it is one of the built-in types
   */
  readonly type?: string;
  /**
   * Where it is served; only the host and port are kept. For the built-in types without one, the
   * SDK's own default (its base-URL environment variable, else the public API host).
   */
  readonly baseURL?: string;
  /**
   * The `gen_ai.provider.name` (`gen_ai.system` in `legacy` mode) to report, overriding what the
   * type gives: `"groq"`, `"azure.ai.openai"`, `"x_ai"`, ...
   * @default `openai`, `anthropic` and `gcp.gemini` for the built-in types; the configured
   *   provider name for `openai-compatible` and custom adapters
   */
  readonly providerName?: string;
}

/** One metric's name and bucket boundaries, or `false` to record none. */
export interface TracingMetricOptions {
  /** The instrument's name. */
  readonly name?: string;
  /** Explicit bucket boundaries, given to the SDK as advice (a View still wins). */
  readonly buckets?: readonly number[];
}

/**
 * The histograms recorded, one data point per attempt that reached the provider. The conventions
 * are still changing (the token histogram may become counters): each name and its buckets can be
 * changed, and each metric turned off.
 */
export interface TracingMetricsOptions {
  /** @default { name: "gen_ai.client.operation.duration", buckets: 0.01 … 81.92 (s) } */
  readonly operationDuration?: TracingMetricOptions | false;
  /** @default { name: "gen_ai.client.token.usage", buckets: 1 … 67108864 } */
  readonly tokenUsage?: TracingMetricOptions | false;
  /** Streams only. @default { name: "gen_ai.client.operation.time_to_first_chunk", buckets: 0.01 … 81.92 (s) } */
  readonly timeToFirstChunk?: TracingMetricOptions | false;
  /**
   * `proxyless.client.overhead` (s): per call, the time spent neither with the provider nor
   * waiting for limits, backoff or the cache (`meta.timings.overheadMs`).
   */
  readonly overhead?: TracingMetricOptions | false;
}

/**
 * Options of {@link tracing}. All are optional; an unknown key or a bad value is a `ConfigError`
 * when `tracing()` is called.
 *
 * @example
 * ```ts
 * tracing({ captureContent: true, providers: { groq: { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", providerName: "groq" } } });
 * ```
 */
export interface TracingOptions {
  /**
   * Where spans go.
   * @default the global one (`trace.getTracerProvider()`), looked up through the API's proxy, so a
   *   provider registered after the client was created is used too
   */
  readonly tracerProvider?: TracerProvider;
  /**
   * Where metrics go.
   * @default the global one (`metrics.getMeterProvider()`), looked up again whenever it changes
   */
  readonly meterProvider?: MeterProvider;
  /**
   * Whether to put the messages on the call span: `gen_ai.input.messages`,
   * `gen_ai.system_instructions` and `gen_ai.output.messages`, as JSON strings in the conventions'
   * structure. Off by default: prompts and answers often hold personal data. Inline image and file
   * bytes are never recorded (URLs are).
   * @default false
   */
  readonly captureContent?: boolean;
  /**
   * Which names to emit: `latest` (semantic conventions v1.41.1: `gen_ai.provider.name`, content as
   * `gen_ai.input.messages`/`gen_ai.output.messages`) or `legacy` (as instrumentations emitted up
   * to v1.36: `gen_ai.system`, content as `gen_ai.content.prompt`/`gen_ai.content.completion` span
   * events).
   * @default from `OTEL_SEMCONV_STABILITY_OPT_IN`: `latest` when it is unset or lists
   *   `gen_ai_latest_experimental`, `legacy` when it is set without it
   */
  readonly semconv?: "latest" | "legacy";
  /**
   * Whether each attempt gets a span of its own (the inference span, kind `CLIENT`, made active
   * around the SDK's request). `false` when an SDK instrumentation (`@opentelemetry/instrumentation-openai`,
   * OpenLLMetry, the Anthropic SDK's own spans) already gives one per request: its spans are then
   * the children of the call span, and the call span is the only one of ours.
   * @default true
   */
  readonly attemptSpans?: boolean;
  /**
   * The GenAI client metrics, or `false` for none (when an SDK instrumentation records them already).
   * @default all three, with the conventions' names and buckets
   */
  readonly metrics?: TracingMetricsOptions | false;
  /**
   * Provider types and base URLs by configured provider name; see {@link TracedProvider}.
   * @default the built-in names (`openai`, `anthropic`, `google`) as their own types
   * @example
   * ```ts
   * const providers = { openai: {}, groq: { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1", apiKey } };
   * createClient({ providers, middleware: [tracing({ providers })] });
   * ```
   */
  readonly providers?: Readonly<Record<string, TracedProvider>>;
  /** The middleware's name in errors and traces. @default "tracing" */
  readonly name?: string;
}
