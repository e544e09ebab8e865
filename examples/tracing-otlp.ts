/**
 * `npx tsx examples/tracing-otlp.ts`: proxyless calls traced with OpenTelemetry and exported over
 * OTLP/HTTP (JSON) to `OTEL_EXPORTER_OTLP_ENDPOINT` (default http://localhost:4318, the port of an
 * OpenTelemetry Collector, Jaeger or Grafana's LGTM image). Without API keys it runs against the
 * embedded emulator of the three APIs; with `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or
 * `GEMINI_API_KEY` set, those providers use the real APIs.
 *
 * Try it with a local Jaeger: `docker run --rm -p 16686:16686 -p 4318:4318 jaegertracing/jaeger`,
 * then open http://localhost:16686 and look for the service `proxyless-example`.
 */
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { cache, createClient, tracing, type ProviderConfig } from "proxyless";
import { startEmulator } from "proxyless/testing";

// 1. The OpenTelemetry SDK, registered globally before the client is used.
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "http://localhost:4318";
const tracerProvider = new TracerProvider({
  resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME ?? "proxyless-example" }),
  spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, "")}/v1/traces` }) })],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(tracerProvider);

// 2. Providers: the real APIs where a key is set, the emulator for the others.
const live = { openai: process.env.OPENAI_API_KEY, anthropic: process.env.ANTHROPIC_API_KEY, google: process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY };
const emulator = Object.values(live).every(Boolean) ? undefined : await startEmulator();
const providers: Record<string, ProviderConfig> = {};
for (const name of ["openai", "anthropic", "google"] as const) {
  providers[name] = live[name] ? { apiKey: live[name] } : (emulator?.providers("example-key")[name] ?? {});
}
if (emulator) {
  // Show a retry: the first OpenAI request fails with a 500, and the default retry() tries again.
  emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
}

// 3. tracing() first, so that its call span covers the cache too. `providers` tells it the base
// URLs (server.address / server.port); only their host and port are read.
const llm = createClient({
  providers,
  models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"] } },
  middleware: [tracing({ providers }), cache()],
});

const app = trace.getTracer("example-app");
await app.startActiveSpan("answer questions", async (root) => {
  const first = await llm.chat({ model: "main", messages: [{ role: "user", content: "Name a prime number." }], maxTokens: 50 });
  console.log(`chat via ${first.provider} (${first.meta.attempts.length} attempts): ${first.text.slice(0, 60)}`);
  const again = await llm.chat({ model: "main", messages: [{ role: "user", content: "Name a prime number." }], maxTokens: 50 });
  console.log(`same question, cached: ${again.meta.cached}`);
  const stream = llm.stream({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Count to five." }] });
  for await (const event of stream) if (event.type === "text-delta") process.stdout.write(event.text);
  process.stdout.write("\n");
  root.end();
});

await tracerProvider.shutdown(); // flushes the batch
await emulator?.close();
console.log(`spans exported to ${endpoint}/v1/traces (trace of "answer questions")`);
