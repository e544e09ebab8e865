import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createClient, tracing } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

/** An OTLP/HTTP attribute value as the JSON encoding has it. */
interface OtlpValue {
  readonly stringValue?: string;
  readonly intValue?: number | string;
  readonly doubleValue?: number;
  readonly boolValue?: boolean;
  readonly arrayValue?: { readonly values?: readonly OtlpValue[] };
}
interface OtlpSpan {
  readonly name: string;
  readonly kind: number;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly attributes: readonly { readonly key: string; readonly value: OtlpValue }[];
  readonly events?: readonly { readonly name: string }[];
}
interface OtlpRequest {
  readonly resourceSpans: readonly { readonly scopeSpans: readonly { readonly scope: { readonly name: string }; readonly spans: readonly OtlpSpan[] }[] }[];
}

const KEY = "sk-otlp-secret-93bd";
const received: { contentType: string | undefined; path: string | undefined; body: string }[] = [];
let receiver: Server;
let emulator: Emulator;
let tracerProvider: TracerProvider;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    void readBody(request).then((body) => {
      received.push({ contentType: request.headers["content-type"], path: request.url, body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `http://127.0.0.1:${port}/v1/traces` }) })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  emulator = await startEmulator();
});
afterAll(async () => {
  await tracerProvider.shutdown();
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
  trace.disable();
  context.disable();
});

function value(v: OtlpValue | undefined): unknown {
  if (!v) return undefined;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(value);
  if (v.intValue !== undefined) return Number(v.intValue);
  return v.stringValue ?? v.doubleValue ?? v.boolValue;
}
const attributesOf = (span: OtlpSpan): Record<string, unknown> => Object.fromEntries(span.attributes.map((a) => [a.key, value(a.value)]));

it("the real OTLP/HTTP exporter delivers our call and attempt spans, with their attributes, as JSON", async () => {
  const providers = emulator.providers(KEY);
  const llm = createClient({ retry: false, providers, middleware: [tracing({ providers })], models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"] } } });
  emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
  const response = await llm.chat({ model: "main", messages: [{ role: "user", content: "Hello" }], maxTokens: 50 });
  await tracerProvider.forceFlush();

  expect(received.length).toBeGreaterThan(0);
  expect(received[0]?.path).toBe("/v1/traces");
  expect(received[0]?.contentType).toContain("application/json");
  const spans = received.flatMap((r) => (JSON.parse(r.body) as OtlpRequest).resourceSpans.flatMap((rs) => rs.scopeSpans.filter((s) => s.scope.name === "proxyless").flatMap((s) => s.spans)));
  const call = spans.find((s) => s.name === "chat main");
  expect(call).toBeDefined();
  expect(call?.kind).toBe(3); // SPAN_KIND_CLIENT in OTLP's enum
  expect(attributesOf(call as OtlpSpan)).toMatchObject({ "gen_ai.operation.name": "chat", "gen_ai.request.model": "main", "gen_ai.provider.name": "anthropic", "proxyless.attempt.count": 2 });
  expect(call?.events?.map((e) => e.name)).toEqual(["proxyless.fallback"]);

  const attempts = spans.filter((s) => s.parentSpanId === call?.spanId);
  expect(attempts.map((s) => s.name).sort()).toEqual(["chat claude-haiku-4-5", "chat gpt-4o-mini"]);
  const answered = attributesOf(attempts.find((s) => s.name === "chat claude-haiku-4-5") as OtlpSpan);
  expect(answered).toMatchObject({
    "gen_ai.provider.name": "anthropic",
    "gen_ai.request.max_tokens": 50,
    "gen_ai.response.id": response.id,
    "gen_ai.response.finish_reasons": ["end_turn"],
    "gen_ai.usage.input_tokens": response.usage.inputTokens,
    "gen_ai.usage.output_tokens": response.usage.outputTokens,
    "server.address": "127.0.0.1",
  });
  expect(attributesOf(attempts.find((s) => s.name === "chat gpt-4o-mini") as OtlpSpan)["error.type"]).toBe("ServerError");
  expect(received.map((r) => r.body).join("")).not.toContain(KEY);
});
