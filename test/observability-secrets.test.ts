/**
 * One run through every observability output at once (spans, span events, metric attributes, log
 * lines, event payloads, the stats snapshot and table), with providers that echo the key in their
 * errors: the key is found nowhere.
 */
import { inspect } from "node:util";
import { AggregationTemporality } from "@opentelemetry/sdk-metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cache, createClient, formatStats, logging, retry, stats, tracing, type ClientEvent, type Message } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";
import { otelHarness } from "./helpers/otel.js";

const KEY = "sk-observed-secret-93b1d2";
const KEYLESS = "observed-plain-secret-77aa";

const otel = otelHarness(AggregationTemporality.CUMULATIVE);
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

describe("no key in any observability output", () => {
  it("spans, metrics, logs, events and stats of a run with failures that echo the key", async () => {
    const lines: unknown[] = [];
    const logger = {
      debug: (fields: unknown, message: string) => lines.push([message, fields]),
      info: (fields: unknown, message: string) => lines.push([message, fields]),
      warn: (fields: unknown, message: string) => lines.push([message, fields]),
      error: (fields: unknown, message: string) => lines.push([message, fields]),
    };
    const base = emulator.providers("unused");
    const providers = { openai: { apiKey: KEY, baseURL: base.openai.baseURL }, anthropic: { apiKey: KEYLESS, baseURL: base.anthropic.baseURL } };
    const watched = stats();
    const llm = createClient({
      providers,
      models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"] } },
      middleware: [tracing({ providers, captureContent: true }), logging({ logger }), watched, cache(), retry({ retries: 1, minDelayMs: 1 })],
    });
    const events: ClientEvent[] = [];
    for (const type of ["request", "response", "error", "retry", "fallback", "hedge", "cache-hit", "rate-limited", "key-disabled", "circuit"] as const) llm.on(type, (e) => events.push(e));
    const ask = (text: string): { model: string; messages: Message[] } => ({ model: "main", messages: [{ role: "user", content: text }] });

    emulator.script({ provider: "openai", times: 2, respond: { type: "error", status: 500, echoKey: true } });
    await llm.chat(ask("falls back"));
    emulator.script({ provider: "openai", times: 2, respond: { type: "error", status: 500, echoKey: true } });
    emulator.script({ provider: "anthropic", respond: { type: "error", status: 401, echoKey: true } });
    await expect(llm.chat(ask("fails everywhere"))).rejects.toThrow();
    emulator.script({ provider: "openai", respond: { type: "stream-error", afterEvents: 0, echoKey: true } });
    await llm.stream(ask("streams after a fault")).final();
    await llm.chat(ask("falls back"));
    await new Promise((r) => setTimeout(r, 10));

    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(4);
    const collected = await reader.collect();
    expect(events.some((e) => e.type === "fallback")).toBe(true);
    expect(lines.length).toBe(4);
    const everything = [
      inspect(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, links: s.links })), { depth: Infinity }),
      inspect(collected.resourceMetrics, { depth: Infinity }),
      inspect(lines, { depth: Infinity }),
      JSON.stringify(lines),
      inspect(events, { depth: Infinity }),
      JSON.stringify(watched.snapshot()),
      formatStats(watched.snapshot()),
    ].join("\n");
    // The run did see the failures whose bodies held the keys.
    expect(everything).toContain("ServerError");
    expect(everything).toContain("AuthenticationError");
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEYLESS);
  });
});
