import { createNoopMeter, metrics, type Histogram, type MeterProvider } from "@opentelemetry/api";
import type { ResolvedMetric, ResolvedTracingOptions } from "./resolve-tracing-options.js";

/** The histograms of one meter provider; each is absent when turned off. */
export interface InstrumentSet {
  readonly operationDuration: Histogram | undefined;
  readonly tokenUsage: Histogram | undefined;
  readonly timeToFirstChunk: Histogram | undefined;
  readonly overhead: Histogram | undefined;
}

export const SCOPE_NAME = "proxyless";

/** What the API's no-op meter hands out: a histogram that records nothing. */
const NOOP_HISTOGRAM = createNoopMeter().createHistogram("proxyless.noop");

/**
 * The histograms, made again whenever the meter provider changes. The metrics API has no proxy
 * (unlike the trace API): instruments made before an SDK is registered stay no-ops for good, so the
 * global provider is looked up on every use, which is a read of one global. With no SDK there is
 * no set at all, and an attempt spends nothing on metrics.
 */
export class Instruments {
  readonly #options: ResolvedTracingOptions;
  readonly #off: boolean;
  #provider: MeterProvider | undefined;
  #set: InstrumentSet | undefined;

  constructor(options: ResolvedTracingOptions) {
    this.#options = options;
    const m = options.metrics;
    this.#off = !m.operationDuration && !m.tokenUsage && !m.timeToFirstChunk && !m.overhead;
  }

  /** The histograms to record on, or `undefined` when nothing would be recorded. */
  current(): InstrumentSet | undefined {
    if (this.#off) return undefined;
    const provider = this.#options.meterProvider ?? metrics.getMeterProvider();
    if (provider !== this.#provider) {
      this.#provider = provider;
      this.#set = create(provider, this.#options.metrics);
    }
    return this.#set;
  }
}

function create(provider: MeterProvider, options: ResolvedTracingOptions["metrics"]): InstrumentSet | undefined {
  const meter = provider.getMeter(SCOPE_NAME);
  const make = (metric: ResolvedMetric | undefined): Histogram | undefined => {
    if (!metric) return undefined;
    const histogram = meter.createHistogram(metric.name, { unit: metric.unit, description: metric.description, advice: { explicitBucketBoundaries: [...metric.buckets] } });
    return histogram === NOOP_HISTOGRAM ? undefined : histogram;
  };
  const set = {
    operationDuration: make(options.operationDuration),
    tokenUsage: make(options.tokenUsage),
    timeToFirstChunk: make(options.timeToFirstChunk),
    overhead: make(options.overhead),
  };
  return set.operationDuration || set.tokenUsage || set.timeToFirstChunk || set.overhead ? set : undefined;
}
