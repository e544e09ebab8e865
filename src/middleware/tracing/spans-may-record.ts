import { ProxyTracerProvider, trace, type TracerProvider } from "@opentelemetry/api";

/** What the API's proxy delegates to while no SDK is registered. */
const NO_SDK = new ProxyTracerProvider().getDelegate();

/**
 * Whether a span started now could record: always with a provider of the user's own (it samples);
 * with the global one, once an SDK is registered behind the API's proxy. With no SDK every span is
 * a no-op, so `tracing()` hands the call straight on: the check is one read, where starting and
 * ending a no-op span goes through half a dozen functions of the API, cold on every call.
 */
export function spansMayRecord(given: TracerProvider | undefined): () => boolean {
  if (given) return () => true;
  const global = trace.getTracerProvider();
  // Another version of the API registered something of its own: it may record.
  if (!(global instanceof ProxyTracerProvider)) return () => true;
  return () => global.getDelegate() !== NO_SDK;
}
