import { context, trace, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { DataPointType, type HistogramMetricData, type MetricData } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blocklist, cache, circuitBreaker, createClient, guardrails, pii, retry, tracing, type Message, type TracingOptions } from "proxyless";
import { mockProvider, startEmulator, type Emulator } from "proxyless/testing";
import { otelHarness } from "./helpers/otel.js";

const KEY = "sk-tracing-secret-4f1c9a7e";
const OPENAI = "openai/gpt-4o-mini";
const ANTHROPIC = "anthropic/claude-haiku-4-5";
const GOOGLE = "google/gemini-2.5-flash";
const ask = (model: string, text = "Hello"): { model: string; messages: Message[] } => ({ model, messages: [{ role: "user", content: text }] });

// Delta temporality: each collect holds what came since the last.
const otel = otelHarness();
const { exporter, reader } = otel;
let emulator: Emulator;

beforeAll(async () => {
  otel.install();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  await otel.uninstall();
});
beforeEach(async () => {
  emulator.reset();
  exporter.reset();
  // Delta metrics: a collect now drops what earlier tests recorded.
  await reader.collect();
});

const providers = (): ReturnType<Emulator["providers"]> => emulator.providers(KEY);
const port = (): number => Number(new URL(emulator.url).port);

function client(options: TracingOptions = {}, extra: Omit<Parameters<typeof createClient>[0] & object, "providers"> = {}): ReturnType<typeof createClient> {
  const p = providers();
  return createClient({ retry: false, ...extra, providers: p, middleware: [tracing({ providers: p, ...options }), ...(extra.middleware ?? [])] });
}

/** Our spans (scope `proxyless`), oldest first; the SDKs' own are left out. */
function ours(): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((s) => s.instrumentationScope.name === "proxyless");
}
const callSpans = (): ReadableSpan[] => ours().filter((s) => s.parentSpanContext === undefined || !ours().some((o) => o.spanContext().spanId === s.parentSpanContext?.spanId));
const childrenOf = (parent: ReadableSpan): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

function onlyCall(): { call: ReadableSpan; attempts: ReadableSpan[] } {
  const calls = callSpans();
  expect(calls).toHaveLength(1);
  const call = calls[0] as ReadableSpan;
  return { call, attempts: childrenOf(call).filter((s) => s.instrumentationScope.name === "proxyless") };
}

describe.each([
  { model: OPENAI, provider: "openai", operation: "chat", target: "gpt-4o-mini", finish: "stop" },
  { model: ANTHROPIC, provider: "anthropic", operation: "chat", target: "claude-haiku-4-5", finish: "end_turn" },
  { model: GOOGLE, provider: "gcp.gemini", operation: "generate_content", target: "gemini-2.5-flash", finish: "STOP" },
])("$model", ({ model, provider, operation, target, finish }) => {
  it("chat: a call span and an attempt span with the conventions' attributes", async () => {
    const llm = client();
    emulator.script({ respond: { type: "reply", usage: { inputTokens: 11, outputTokens: 7 } } });
    const response = await llm.chat({ ...ask(model), maxTokens: 100, temperature: 0.5, topP: 0.9, stop: ["END"], seed: 7 });
    const { call, attempts } = onlyCall();
    expect(call.name).toBe(`chat ${model}`);
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": provider,
      "gen_ai.request.model": model,
      "gen_ai.request.stream": false,
      "gen_ai.request.max_tokens": 100,
      "gen_ai.response.id": response.id,
      "gen_ai.response.model": response.model,
      "proxyless.usage.input_tokens": response.usage.inputTokens,
      "proxyless.cache.hit": false,
      "proxyless.attempt.count": 1,
      "proxyless.cost.usd": response.cost?.usd,
      "proxyless.cost.input_usd": response.cost?.inputUsd,
      "proxyless.cost.output_usd": response.cost?.outputUsd,
      "proxyless.cost.price_source": "@pydantic/genai-prices@0.1.8",
    });
    expect(response.cost?.usd).toBeGreaterThan(0);
    // Usage under the conventions' names only on the inference span: a backend summing them counts it once.
    expect(call.attributes["gen_ai.usage.input_tokens"]).toBeUndefined();
    expect(attempts).toHaveLength(1);
    const attempt = attempts[0] as ReadableSpan;
    expect(attempt.name).toBe(`${operation} ${target}`);
    expect(attempt.kind).toBe(SpanKind.CLIENT);
    expect(attempt.status.code).toBe(SpanStatusCode.UNSET);
    expect(attempt.attributes).toEqual(
      expect.objectContaining({
        "gen_ai.operation.name": operation,
        "gen_ai.provider.name": provider,
        "gen_ai.request.model": target,
        "gen_ai.request.max_tokens": 100,
        "gen_ai.request.temperature": 0.5,
        "gen_ai.request.top_p": 0.9,
        "gen_ai.request.stop_sequences": ["END"],
        "gen_ai.request.seed": 7,
        "gen_ai.request.stream": false,
        "gen_ai.response.id": response.id,
        "gen_ai.response.model": response.model,
        "gen_ai.response.finish_reasons": [finish],
        "gen_ai.usage.input_tokens": response.usage.inputTokens,
        "gen_ai.usage.output_tokens": response.usage.outputTokens,
        "server.address": "127.0.0.1",
        "server.port": port(),
        "proxyless.attempt.number": 1,
        "proxyless.cost.usd": response.cost?.usd,
      }),
    );
    expect(response.usage.inputTokens).toBeGreaterThanOrEqual(11);
  });

  it("stream: the same, with time to first chunk on both spans", async () => {
    const llm = client();
    const stream = llm.stream(ask(model));
    let events = 0;
    for await (const _ of stream) events++;
    const response = await stream.final();
    expect(events).toBeGreaterThan(1);
    const { call, attempts } = onlyCall();
    expect(call.attributes["gen_ai.request.stream"]).toBe(true);
    expect(call.attributes["gen_ai.response.time_to_first_chunk"]).toBeGreaterThan(0);
    const attempt = attempts[0] as ReadableSpan;
    expect(attempt.attributes).toMatchObject({
      "gen_ai.request.stream": true,
      "gen_ai.response.finish_reasons": [finish],
      "gen_ai.usage.output_tokens": response.usage.outputTokens,
      "gen_ai.response.model": response.model,
    });
    const ttfc = attempt.attributes["gen_ai.response.time_to_first_chunk"] as number;
    expect(ttfc).toBeGreaterThan(0);
    expect(ttfc).toBeLessThan(durationSeconds(attempt));
  });
});

function durationSeconds(span: ReadableSpan): number {
  return span.duration[0] + span.duration[1] / 1e9;
}

describe("several attempts", () => {
  it("a fallback is two attempt spans under one call span, the first failed, with a fallback event", async () => {
    const llm = client({}, { models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const response = await llm.chat(ask("main"));
    expect(response.provider).toBe("anthropic");
    const { call, attempts } = onlyCall();
    expect(call.name).toBe("chat main");
    expect(call.attributes).toMatchObject({ "gen_ai.provider.name": "anthropic", "proxyless.attempt.count": 2 });
    expect(attempts.map((s) => s.name)).toEqual(["chat gpt-4o-mini", "chat claude-haiku-4-5"]);
    const [first, second] = attempts as [ReadableSpan, ReadableSpan];
    expect(first.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(first.attributes).toMatchObject({ "error.type": "ServerError", "http.response.status_code": 500, "gen_ai.provider.name": "openai" });
    expect(second.status.code).toBe(SpanStatusCode.UNSET);
    expect(second.attributes["error.type"]).toBeUndefined();
    expect(call.events.map((e) => e.name)).toEqual(["proxyless.fallback"]);
    expect(call.events[0]?.attributes).toMatchObject({ "proxyless.attempt.number": 2, "proxyless.provider": "anthropic", "error.type": "ServerError" });
  });

  it("a stream's fallback too", async () => {
    const llm = client({}, { models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    await llm.stream(ask("main")).final();
    const { attempts } = onlyCall();
    expect(attempts.map((s) => [s.name, s.attributes["error.type"]])).toEqual([
      ["chat gpt-4o-mini", "ServerError"],
      ["chat claude-haiku-4-5", undefined],
    ]);
  });

  it("a retry is a second attempt span on the same target, and a retry event on the call span", async () => {
    const llm = client({}, { middleware: [retry({ retries: 2 })] });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500, retryAfterSeconds: 0 } });
    await llm.chat(ask(OPENAI));
    const { call, attempts } = onlyCall();
    expect(attempts.map((s) => [s.attributes["proxyless.attempt.number"], s.attributes["error.type"]])).toEqual([
      [1, "ServerError"],
      [2, undefined],
    ]);
    expect(call.events.map((e) => [e.name, e.attributes?.["error.type"]])).toEqual([["proxyless.retry", "ServerError"]]);
  });

  it("an attempt an open circuit refused is an event with its error type, never an attempt span", async () => {
    const llm = client({}, { middleware: [circuitBreaker({ failureThreshold: 1 })], models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    await llm.chat(ask("main")); // opens openai's circuit
    exporter.reset();
    await llm.chat(ask("main"));
    const { call, attempts } = onlyCall();
    expect(attempts.map((s) => s.name)).toEqual(["chat claude-haiku-4-5"]);
    const notSent = call.events.find((e) => e.name === "proxyless.attempt.not_sent");
    expect(notSent?.attributes).toMatchObject({ "proxyless.attempt.number": 1, "proxyless.provider": "openai", "gen_ai.request.model": "gpt-4o-mini", "error.type": "CircuitOpenError" });
    expect(call.events.find((e) => e.name === "proxyless.fallback")?.attributes).toMatchObject({ "error.type": "CircuitOpenError" });
  });

  it("a failed call's span has the error, its type and status", async () => {
    const llm = client();
    emulator.script({ provider: "openai", respond: { type: "error", status: 400, message: "bad field" } });
    await expect(llm.chat(ask(OPENAI))).rejects.toThrow();
    const { call, attempts } = onlyCall();
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.status.message).toContain("bad field");
    expect(call.attributes["error.type"]).toBe("InvalidRequestError");
    expect(attempts[0]?.attributes["error.type"]).toBe("InvalidRequestError");
  });

  it("a stream the consumer leaves early ends both spans, marked as closed early", async () => {
    const llm = client();
    for await (const event of llm.stream(ask(OPENAI))) if (event.type === "text-delta") break;
    const { call, attempts } = onlyCall();
    expect(call.attributes["proxyless.stream.closed_early"]).toBe(true);
    expect(attempts[0]?.attributes["proxyless.stream.closed_early"]).toBe(true);
  });
});

describe("cache", () => {
  it("a hit is the call span alone, with proxyless.cache.hit", async () => {
    const p = providers();
    const llm = createClient({ retry: false, providers: p, middleware: [tracing({ providers: p }), cache()] });
    await llm.chat(ask(OPENAI, "cache me"));
    exporter.reset();
    const response = await llm.chat(ask(OPENAI, "cache me"));
    expect(response.meta.cached).toBe(true);
    const { call, attempts } = onlyCall();
    expect(call.attributes).toMatchObject({ "proxyless.cache.hit": true, "proxyless.cache.status": "hit", "gen_ai.response.id": response.id, "proxyless.attempt.count": 0 });
    expect(attempts).toEqual([]);
  });
});

describe("content", () => {
  const request = { model: OPENAI, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Say hi" }] as Message[] };

  it("is not captured by default", async () => {
    await client().chat(request);
    for (const span of ours()) {
      expect(Object.keys(span.attributes).filter((k) => k.includes("messages") || k.includes("instructions"))).toEqual([]);
      expect(JSON.stringify(span.attributes)).not.toContain("Say hi");
    }
  });

  it("is captured with captureContent, as the conventions structure it", async () => {
    emulator.script({ respond: { type: "reply", text: "Hi there" } });
    await client({ captureContent: true }).chat(request);
    const { call } = onlyCall();
    expect(JSON.parse(call.attributes["gen_ai.system_instructions"] as string)).toEqual([{ type: "text", content: "Be brief." }]);
    expect(JSON.parse(call.attributes["gen_ai.input.messages"] as string)).toEqual([{ role: "user", parts: [{ type: "text", content: "Say hi" }] }]);
    expect(JSON.parse(call.attributes["gen_ai.output.messages"] as string)).toEqual([{ role: "assistant", parts: [{ type: "text", content: "Hi there" }], finish_reason: "stop" }]);
  });
});

describe("legacy conventions", () => {
  it("name the provider gen_ai.system, and put content in gen_ai.content.* events", async () => {
    emulator.script({ respond: { type: "reply", text: "Hi there" } });
    await client({ semconv: "legacy", captureContent: true }).chat(ask(ANTHROPIC, "Say hi"));
    const { call, attempts } = onlyCall();
    for (const span of [call, ...attempts]) {
      expect(span.attributes["gen_ai.system"]).toBe("anthropic");
      expect(span.attributes["gen_ai.provider.name"]).toBeUndefined();
    }
    expect(call.attributes["gen_ai.input.messages"]).toBeUndefined();
    expect(call.events.map((e) => e.name)).toEqual(["gen_ai.content.prompt", "gen_ai.content.completion"]);
    expect(JSON.parse(call.events[0]?.attributes?.["gen_ai.prompt"] as string)).toEqual([{ role: "user", content: "Say hi" }]);
    expect(JSON.parse(call.events[1]?.attributes?.["gen_ai.completion"] as string)).toEqual([{ role: "assistant", content: "Hi there" }]);
  });
});

async function collected(): Promise<MetricData[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.filter((s) => s.scope.name === "proxyless").flatMap((s) => s.metrics);
}

describe("metrics", () => {
  it("records operation duration, token usage and time to first chunk, with the conventions' names, units, buckets and attributes", async () => {
    const llm = client({}, { models: { main: { fallback: [OPENAI, ANTHROPIC] } } });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    const response = await llm.chat(ask("main"));
    await llm.stream(ask(GOOGLE)).final();
    const data = await collected();
    const byName = new Map(data.map((m) => [m.descriptor.name, m as HistogramMetricData]));
    const duration = byName.get("gen_ai.client.operation.duration");
    expect(duration?.descriptor.unit).toBe("s");
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration?.dataPoints[0]?.value.buckets.boundaries).toEqual([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]);
    const attrs = duration?.dataPoints.map((p) => p.attributes) ?? [];
    expect(attrs).toContainEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "server.address": "127.0.0.1",
      "server.port": port(),
      "error.type": "ServerError",
    });
    expect(attrs).toContainEqual(expect.objectContaining({ "gen_ai.provider.name": "anthropic", "gen_ai.response.model": response.model }));
    expect(attrs).toContainEqual(expect.objectContaining({ "gen_ai.operation.name": "generate_content", "gen_ai.provider.name": "gcp.gemini" }));

    const tokens = byName.get("gen_ai.client.token.usage");
    expect(tokens?.descriptor.unit).toBe("{token}");
    const input = tokens?.dataPoints.find((p) => p.attributes["gen_ai.token.type"] === "input" && p.attributes["gen_ai.provider.name"] === "anthropic");
    expect(input?.value.sum).toBe(response.usage.inputTokens);
    expect(tokens?.dataPoints.find((p) => p.attributes["gen_ai.token.type"] === "output" && p.attributes["gen_ai.provider.name"] === "anthropic")?.value.sum).toBe(response.usage.outputTokens);
    // The failed attempt billed nothing and records no tokens.
    expect(tokens?.dataPoints.some((p) => p.attributes["gen_ai.provider.name"] === "openai")).toBe(false);

    const ttfc = byName.get("gen_ai.client.operation.time_to_first_chunk");
    expect(ttfc?.descriptor.unit).toBe("s");
    expect(ttfc?.dataPoints.map((p) => p.attributes["gen_ai.provider.name"])).toEqual(["gcp.gemini"]);

    // proxyless's own overhead, per call: one sample for each of the two calls.
    const overhead = byName.get("proxyless.client.overhead");
    expect(overhead?.descriptor.unit).toBe("s");
    expect(overhead?.dataPoints.reduce((n, p) => n + p.value.count, 0)).toBe(2);
  });

  it("the call span carries where its time went (meta.timings, in ms)", async () => {
    await client().chat(ask(OPENAI));
    const call = exporter.getFinishedSpans().find((s) => s.attributes["proxyless.timings.provider_ms"] !== undefined);
    expect(call?.attributes["proxyless.timings.provider_ms"]).toBeGreaterThan(0);
    expect(call?.attributes["proxyless.timings.overhead_ms"]).toBeGreaterThanOrEqual(0);
    expect(call?.attributes["proxyless.timings.queued_ms"]).toBe(0);
  });

  it("takes other names and buckets, and can be turned off", async () => {
    await client({ metrics: { operationDuration: { name: "llm.duration", buckets: [0.5, 5] }, tokenUsage: false } }).chat(ask(OPENAI));
    const names = (await collected()).map((m) => m.descriptor.name);
    expect(names).toContain("llm.duration");
    expect(names).not.toContain("gen_ai.client.token.usage");
    const custom = (await (async () => {
      await client({ metrics: { operationDuration: { name: "llm.duration", buckets: [0.5, 5] } } }).chat(ask(OPENAI));
      return collected();
    })()).find((m) => m.descriptor.name === "llm.duration") as HistogramMetricData;
    expect(custom.dataPoints[0]?.value.buckets.boundaries).toEqual([0.5, 5]);
    await client({ metrics: false }).chat(ask(OPENAI));
    expect(await collected()).toEqual([]);
  });
});

describe("interop with SDK instrumentations", () => {
  it("a span the SDK starts during the request is a child of the attempt span", async () => {
    const sdkTracer = trace.getTracer("fake-sdk-instrumentation");
    const adapter = mockProvider({
      name: "x",
      replies: () => {
        sdkTracer.startSpan("POST /v1/chat/completions").end();
        return { text: "ok" };
      },
    });
    const llm = createClient({ retry: false, providers: { x: { adapter } }, middleware: [tracing()] });
    await llm.chat(ask("x/model-1"));
    const { call, attempts } = onlyCall();
    const attempt = attempts[0] as ReadableSpan;
    const sdk = exporter.getFinishedSpans().find((s) => s.name === "POST /v1/chat/completions");
    expect(sdk?.parentSpanContext?.spanId).toBe(attempt.spanContext().spanId);
    expect(attempt.attributes["gen_ai.provider.name"]).toBe("x");
    expect(call.spanContext().traceId).toBe(sdk?.spanContext().traceId);
  });

  it("a stream's reads run in the attempt span's context too", async () => {
    const seen: (string | undefined)[] = [];
    const adapter = mockProvider({
      name: "x",
      replies: () => {
        seen.push(trace.getActiveSpan()?.spanContext().spanId);
        return { text: "one two three" };
      },
    });
    const llm = createClient({ retry: false, providers: { x: { adapter } }, middleware: [tracing()] });
    await llm.stream(ask("x/model-1")).final();
    const { attempts } = onlyCall();
    expect(seen).toEqual([attempts[0]?.spanContext().spanId]);
  });

  it("the Anthropic SDK's own call span is a child of the attempt span; with attemptSpans false, of the call span", async () => {
    await client().chat(ask(ANTHROPIC));
    const sdkSpan = (): ReadableSpan | undefined => exporter.getFinishedSpans().find((s) => s.instrumentationScope.name.startsWith("com.anthropic"));
    const { attempts } = onlyCall();
    // @anthropic-ai/sdk 1.x emits a CLIENT span per API call (`anthropic.messages.create`).
    expect(sdkSpan()).toBeDefined();
    expect(sdkSpan()?.parentSpanContext?.spanId).toBe(attempts[0]?.spanContext().spanId);
    exporter.reset();
    await client({ attemptSpans: false }).chat(ask(ANTHROPIC));
    const { call, attempts: none } = onlyCall();
    expect(none).toEqual([]);
    expect(sdkSpan()?.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
  });

  it("the call span is a child of the caller's active span", async () => {
    const parent = trace.getTracer("app").startSpan("handle request");
    await context.with(trace.setSpan(context.active(), parent), () => client().chat(ask(OPENAI)));
    parent.end();
    const call = ours().find((s) => s.name === `chat ${OPENAI}`);
    expect(call?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });
});

describe("secrets", () => {
  it("no span attribute, event, status or metric attribute of a run holds the API key", async () => {
    const llm = client({ captureContent: true }, { middleware: [retry({ retries: 1 })], models: { main: { fallback: [OPENAI, ANTHROPIC, GOOGLE] } } });
    emulator.script({ provider: "openai", respond: { type: "error", status: 500, echoKey: true } });
    emulator.script({ provider: "anthropic", respond: { type: "stream-error", afterEvents: 0, echoKey: true } });
    await llm.chat(ask("main"));
    await llm.stream(ask("main")).final().catch(() => undefined);
    emulator.script({ provider: "google", respond: { type: "error", status: 500, echoKey: true } });
    await llm.chat(ask(GOOGLE)).catch(() => undefined);
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(3);
    const seen: unknown[] = [];
    for (const span of spans) seen.push(span.name, span.attributes, span.status, span.events.map((e) => [e.name, e.attributes]), span.links);
    for (const metric of await collected()) seen.push(metric.descriptor, (metric as HistogramMetricData).dataPoints.map((p) => p.attributes));
    const text = JSON.stringify(seen);
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(3));
  });
});

describe("guardrails on the span", () => {
  it("a redaction is recorded on the call span, and a block is its error with the check's name", async () => {
    const llm = client({}, { middleware: [guardrails({ input: [pii(), blocklist(["forbidden"])] })] });
    await llm.chat(ask(OPENAI, "Mail me at jane.doe@example.com or call +44 20 7946 0958"));
    const { call } = onlyCall();
    expect(call.attributes["proxyless.guardrails"]).toEqual(expect.arrayContaining(["pii:input:redacted:2"]));
    expect(JSON.stringify(call.attributes)).not.toContain("jane.doe@example.com");
    exporter.reset();
    await expect(llm.chat(ask(OPENAI, "a forbidden word"))).rejects.toThrow();
    const blocked = onlyCall().call;
    expect(blocked.attributes).toMatchObject({ "error.type": "GuardrailError", "proxyless.guardrail.check": "blocklist", "proxyless.guardrail.side": "input" });
    expect(blocked.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("with captureContent, the span records the prompt as sent and the answer as given: redacted, never the originals", async () => {
    const llm = client({ captureContent: true }, { middleware: [guardrails({ input: [pii({ mode: "reversible" })] })] });
    emulator.script({ respond: { type: "reply", text: "I will write to [EMAIL_1]." } });
    const res = await llm.chat(ask(OPENAI, "Mail me at jane.doe@example.com"));
    expect(res.text).toBe("I will write to jane.doe@example.com.");
    const { call } = onlyCall();
    expect(call.attributes["gen_ai.input.messages"]).toContain("[EMAIL_1]");
    expect(call.attributes["gen_ai.output.messages"]).toContain("[EMAIL_1]");
    expect(JSON.stringify(call.attributes)).not.toContain("jane.doe@example.com");
  });
});
