/**
 * Tracing's part of `npm run bench`: a client with `tracing()` against the same client without it,
 * alternating call by call in a random order, for chat and for stream (paired differences).
 *
 * - No OpenTelemetry SDK registered (the API's no-op tracer and meter): target, the tracer adds
 *   under 1% of an emulator round trip, as the median of paired differences, once V8 has compiled
 *   it (`overhead.ts` gives at least 1500 warm-up calls). With nothing to record the tracer is
 *   idle (`Middleware.idle()`): calls run without it. Beside it, in the same rotation, a
 *   middleware that does nothing but has a companion as the tracer has: what the two middleware
 *   seams cost whatever runs in them, which is what the tracer would cost if it took part.
 * - A registered SDK (`BatchSpanProcessor`, an exporter that discards, a meter provider with a
 *   reader) and an `AsyncLocalStorageContextManager`: the cost of recording two spans and three
 *   histograms per call, reported, held to no target. It runs second, as the context manager stays
 *   registered once set.
 */
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { createClient, tracing, type ChatRequest, type Client, type Middleware } from "../dist/index.js";
import { alternate } from "./alternate.js";
import { discard, IdleReader } from "./contenders.js";
import { summarize } from "./stats.js";

export interface TracingBenchOptions {
  readonly url: string;
  readonly iterations: number;
  readonly warmup: number;
}

/** One line of the report; `ok` is undefined for a line held to no target. */
export interface TracingBenchLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const TARGET = 1.01;

export async function runTracingBench({ url, iterations, warmup }: TracingBenchOptions): Promise<TracingBenchLine[]> {
  const providers = { openai: { apiKey: "sk-bench", baseURL: `${url}/v1` } };
  const plain = createClient({ providers, retry: false });
  const traced = createClient({ providers, retry: false, middleware: [tracing({ providers })] });
  const seams: Middleware = {
    name: "nothing",
    wrapChat: ({ request, next }) => next(request),
    wrapStream: ({ request, next }) => next(request),
    attempt: { name: "nothing:attempt", scope: "attempt", wrapChat: ({ request, next }) => next(request), wrapStream: ({ request, next }) => next(request) },
  };
  const empty = createClient({ providers, retry: false, middleware: [seams] });
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: discard })] });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  const recorded = createClient({ providers, retry: false, middleware: [tracing({ providers, tracerProvider, meterProvider })] });
  const messages: ChatRequest["messages"] = [{ role: "user", content: "Summarise the benefits of an in-process gateway." }];
  const call = (client: Client, kind: "chat" | "stream") => {
    const request: ChatRequest = { model: "openai/gpt-4o-mini", messages, maxTokens: 200 };
    return kind === "chat" ? () => client.chat(request) : () => client.stream(request).final();
  };
  const lines: TracingBenchLine[] = [];
  const paired = async (kind: "chat" | "stream", ...others: Client[]): Promise<{ base: number; added: number[] }> => {
    const [none = [], ...withOthers] = await alternate([call(plain, kind), ...others.map((other) => call(other, kind))], iterations, warmup);
    return { base: summarize(none).median, added: withOthers.map((times) => summarize(times.map((ms, i) => ms - (none[i] ?? ms))).median) };
  };
  for (const kind of ["chat", "stream"] as const) {
    const { base, added: [added = 0, seamsAdded = 0] } = await paired(kind, traced, empty);
    const share = added / base;
    lines.push({ label: `${kind}: no middleware (median)`, value: `${(base * 1000).toFixed(0)} µs` });
    lines.push({ label: `${kind}: empty mw + companion, added`, value: `${(seamsAdded * 1000).toFixed(1)} µs, ${((seamsAdded / base) * 100).toFixed(2)}% (core's seams, no target)` });
    lines.push({
      label: `${kind}: tracing, no SDK, added (paired)`,
      value: `${(added * 1000).toFixed(1)} µs, ${(share * 100).toFixed(2)}% of a round trip (target < ${((TARGET - 1) * 100).toFixed(0)}%)`,
      ok: share < TARGET - 1,
    });
  }
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  try {
    for (const kind of ["chat", "stream"] as const) {
      const { base, added: [added = 0] } = await paired(kind, recorded);
      lines.push({ label: `${kind}: tracing, SDK recording, added`, value: `${(added * 1000).toFixed(0)} µs, ${((added / base) * 100).toFixed(1)}% of a round trip (no target)` });
    }
  } finally {
    // Leaves the process as it found it: the API's own no-op context manager.
    context.disable();
    manager.disable();
    await tracerProvider.shutdown();
    await meterProvider.shutdown();
  }
  return lines;
}

