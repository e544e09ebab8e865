export { tracing } from "./tracing-middleware.js";
export type { TracedProvider, TracingMetricOptions, TracingMetricsOptions, TracingOptions } from "./tracing-options.js";
export { SEMCONV_VERSION } from "./semconv.js";
