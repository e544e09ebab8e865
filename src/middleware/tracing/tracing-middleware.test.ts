import { trace } from "@opentelemetry/api";
import { MeterProvider } from "@opentelemetry/sdk-metrics";
import { AlwaysOffSampler, InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { createClientWith } from "../../core/client.js";
import type { Middleware } from "../../core/types/middleware.js";
import { mockProvider } from "../../testing/mock-provider.js";
import { tracing } from "./tracing-middleware.js";

/** A client over a mock provider, with a middleware after the tracer that sees what it left in `context.state`. */
function clientWith(mw: Middleware): { chat: () => Promise<unknown>; stream: () => Promise<unknown>; stateSizes: number[] } {
  const stateSizes: number[] = [];
  const probe: Middleware = {
    name: "probe",
    scope: "attempt",
    wrapChat({ request, context, next }) {
      stateSizes.push(context.state.size);
      return next(request);
    },
    wrapStream({ request, context, next }) {
      stateSizes.push(context.state.size);
      return next(request);
    },
  };
  const adapter = mockProvider({ name: "m", replies: { text: "one two" } });
  const llm = createClientWith({ providers: { m: { adapter } }, middleware: [mw, probe] }, []);
  const request = { model: "m/x", messages: [{ role: "user" as const, content: "Hi" }] };
  return { chat: () => llm.chat(request), stream: () => llm.stream(request).final(), stateSizes };
}

describe("tracing without a recording SDK", () => {
  it("with no SDK registered, a call starts one non-recording span and keeps nothing", async () => {
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);
    const { chat, stream, stateSizes } = clientWith(tracing());
    await chat();
    await stream();
    expect(stateSizes).toEqual([0, 0]);
  });

  it("with a sampler that drops everything, nothing is exported and nothing kept", async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new TracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const { chat, stream, stateSizes } = clientWith(tracing({ tracerProvider, metrics: false }));
    await chat();
    await stream();
    expect(stateSizes).toEqual([0, 0]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("a recording provider given as an option is used, without any global", async () => {
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const { chat, stateSizes } = clientWith(tracing({ tracerProvider }));
    await chat();
    expect(stateSizes).toEqual([1]);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["chat x", "chat m/x"]);
  });
});

describe("tracing sits calls out while nothing can record", () => {
  it("is idle with no SDK and no meter provider, and takes part once a global SDK is registered", async () => {
    const mw = tracing();
    expect(mw.idle?.()).toBe(true);
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    expect(trace.setGlobalTracerProvider(provider)).toBe(true);
    try {
      expect(mw.idle?.()).toBe(false);
      const { chat } = clientWith(mw);
      await chat();
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["chat x", "chat m/x"]);
    } finally {
      trace.disable();
    }
  });

  it("is never idle with a tracer provider or a meter provider of its own", () => {
    expect(tracing({ tracerProvider: new TracerProvider() }).idle?.()).toBe(false);
    expect(tracing({ meterProvider: new MeterProvider() }).idle?.()).toBe(false);
  });
});
