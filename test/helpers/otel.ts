import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AggregationTemporality, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";

/** A metric reader whose `collect()` the test calls. */
export class TestReader extends MetricReader {
  constructor(temporality: AggregationTemporality = AggregationTemporality.DELTA) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** An OpenTelemetry SDK in memory, registered globally: spans to an in-memory exporter, metrics to a {@link TestReader}. */
export interface OtelHarness {
  readonly exporter: InMemorySpanExporter;
  readonly reader: TestReader;
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  /** Registers the SDK (and an async-hooks context manager) as the global one. */
  install(): void;
  /** Shuts it down and takes it off the globals. */
  uninstall(): Promise<void>;
}

export function otelHarness(temporality?: AggregationTemporality): OtelHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const reader = new TestReader(temporality);
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager();
  return {
    exporter,
    reader,
    tracerProvider,
    meterProvider,
    install() {
      context.setGlobalContextManager(contextManager.enable());
      trace.setGlobalTracerProvider(tracerProvider);
      metrics.setGlobalMeterProvider(meterProvider);
    },
    async uninstall() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}
