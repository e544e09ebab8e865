/**
 * The ways of making the same call that the benchmark compares: the official SDK called directly
 * (with its defaults, or on a given `fetch`), proxyless with no middleware, and proxyless with the
 * full stack (tracing into a recording OpenTelemetry SDK, a cache that misses, rate limits, retry).
 */
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { cache, createClient, rateLimit, retry, tracing, type Client, type ClientConfig, type FetchFunction } from "../dist/index.js";

export type Provider = "openai" | "anthropic" | "google";

/** One timed call: total time, and for streams the time to the first content. */
export interface Timing {
  readonly totalMs: number;
  readonly firstTokenMs?: number;
}

export type Run = () => Promise<Timing>;

const KEY = "sk-bench";
const PROMPT = "Summarise the benefits of an in-process gateway.";
const MAX_TOKENS = 4096;

let calls = 0;
/** Every call of every contender asks something new, so that the full stack's cache always misses. */
const nextPrompt = (): string => `${PROMPT} (${++calls})`;

async function timeStream(iterate: (onContent: () => void) => Promise<void>): Promise<Timing> {
  const start = performance.now();
  let first: number | undefined;
  await iterate(() => {
    first ??= performance.now() - start;
  });
  return { totalMs: performance.now() - start, ...(first !== undefined ? { firstTokenMs: first } : {}) };
}

async function timeChat(call: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  await call();
  return { totalMs: performance.now() - start };
}

/** Direct SDK calls, written the way each SDK's README shows them; on `fetch` when given (else each SDK's default). */
export function directSdk(url: string, fetch?: FetchFunction): Record<Provider, { chat: Run; stream: Run }> {
  const openai = new OpenAI({ apiKey: KEY, baseURL: `${url}/v1`, ...(fetch ? { fetch } : {}) });
  const anthropic = new Anthropic({ apiKey: KEY, baseURL: url, ...(fetch ? { fetch } : {}) });
  const google = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: url, ...(fetch ? { fetch } : {}) } });
  const user = () => [{ role: "user" as const, content: nextPrompt() }];
  return {
    openai: {
      chat: () => timeChat(() => openai.chat.completions.create({ model: "gpt-4o-mini", messages: user() })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: user(), stream: true, stream_options: { include_usage: true } });
          for await (const chunk of stream) if (chunk.choices[0]?.delta.content) onContent();
        }),
    },
    anthropic: {
      chat: () => timeChat(() => anthropic.messages.create({ model: "claude-bench", max_tokens: MAX_TOKENS, messages: user() })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await anthropic.messages.create({ model: "claude-bench", max_tokens: MAX_TOKENS, messages: user(), stream: true });
          for await (const event of stream) if (event.type === "content_block_delta") onContent();
        }),
    },
    google: {
      chat: () => timeChat(() => google.models.generateContent({ model: "gemini-2.5-flash", contents: nextPrompt() })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await google.models.generateContentStream({ model: "gemini-2.5-flash", contents: nextPrompt() });
          for await (const chunk of stream) if (chunk.text) onContent();
        }),
    },
  };
}

/** Takes every batch and drops it: what is measured is the SDK's recording, not a network. */
export const discard: SpanExporter = {
  export(_spans: ReadableSpan[], done) {
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};

/** A reader nobody collects from: what is recorded is aggregated in memory, as between exports. */
export class IdleReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Limits no benchmark reaches: every permit is granted at once, and all the accounting still runs. */
const RULES = { "*": { rpm: 10_000_000, tpm: 1_000_000_000, concurrency: 10_000 } };

/**
 * What a production client runs: spans and metrics recorded by a real OpenTelemetry SDK, a memory
 * cache (every call misses: each asks something new), in-process rate limits, and retry.
 */
function fullStack(providers: ClientConfig["providers"]): NonNullable<ClientConfig["middleware"]> {
  const tracerProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: discard })] });
  const meterProvider = new MeterProvider({ readers: [new IdleReader()] });
  return [tracing({ tracerProvider, meterProvider, providers }), cache(), rateLimit({ rules: RULES }), retry()];
}

export type Stack = "bare" | "full";

/** A proxyless client on the emulator: no middleware (`retry: false` too), or the full stack. */
export function proxylessClient(url: string, stack: Stack, extra: Partial<ClientConfig> = {}): Client {
  const providers = {
    openai: { apiKey: KEY, baseURL: `${url}/v1` },
    anthropic: { apiKey: KEY, baseURL: url },
    google: { apiKey: KEY, baseURL: url },
  };
  return createClient({ providers, ...(stack === "bare" ? { retry: false } : { middleware: fullStack(providers) }), ...extra });
}

/** The same calls through proxyless. */
export function viaProxyless(llm: Client): Record<Provider, { chat: Run; stream: Run }> {
  const models: Record<Provider, string> = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-bench", google: "google/gemini-2.5-flash" };
  const entry = (provider: Provider): { chat: Run; stream: Run } => ({
    chat: () => timeChat(() => llm.chat({ model: models[provider], messages: [{ role: "user", content: nextPrompt() }] })),
    stream: () =>
      timeStream(async (onContent) => {
        for await (const event of llm.stream({ model: models[provider], messages: [{ role: "user", content: nextPrompt() }] })) if (event.type === "text-delta") onContent();
      }),
  });
  return { openai: entry("openai"), anthropic: entry("anthropic"), google: entry("google") };
}
