/**
 * The ways of making the same call that the benchmark compares: the official SDK called directly
 * with its defaults, proxyless with no middleware, and proxyless with two observing middleware.
 */
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { createClient, type Middleware } from "../dist/index.js";

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

/** Direct SDK calls, written the way each SDK's README shows them. */
export function directSdk(url: string): Record<Provider, { chat: Run; stream: Run }> {
  const openai = new OpenAI({ apiKey: KEY, baseURL: `${url}/v1` });
  const anthropic = new Anthropic({ apiKey: KEY, baseURL: url });
  const google = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: url } });
  const messages = [{ role: "user" as const, content: PROMPT }];
  return {
    openai: {
      chat: () => timeChat(() => openai.chat.completions.create({ model: "gpt-4o-mini", messages })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
          for await (const chunk of stream) if (chunk.choices[0]?.delta.content) onContent();
        }),
    },
    anthropic: {
      chat: () => timeChat(() => anthropic.messages.create({ model: "claude-bench", max_tokens: MAX_TOKENS, messages })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await anthropic.messages.create({ model: "claude-bench", max_tokens: MAX_TOKENS, messages, stream: true });
          for await (const event of stream) if (event.type === "content_block_delta") onContent();
        }),
    },
    google: {
      chat: () => timeChat(() => google.models.generateContent({ model: "gemini-2.5-flash", contents: PROMPT })),
      stream: () =>
        timeStream(async (onContent) => {
          const stream = await google.models.generateContentStream({ model: "gemini-2.5-flash", contents: PROMPT });
          for await (const chunk of stream) if (chunk.text) onContent();
        }),
    },
  };
}

/**
 * Two middleware that do what most will (one per scope, each looking at its context and handing
 * the request on): what the seam itself costs once any middleware is configured. Responses are then
 * copied rather than finished in place, and contexts are read.
 */
const observers: Middleware[] = [
  {
    name: "bench-request-observer",
    async wrapChat({ request, context, next }) {
      const res = await next(request);
      if (context.attempts.length === 0) throw new Error("bench: no attempt recorded");
      return res;
    },
    async *wrapStream({ request, next }) {
      yield* next(request);
    },
  },
  {
    name: "bench-attempt-observer",
    scope: "attempt",
    wrapChat({ request, context, next }) {
      if (context.attempt?.number !== 1) throw new Error("bench: unexpected attempt");
      return next(request);
    },
    wrapStream({ request, context, next }) {
      if (context.attempt?.number !== 1) throw new Error("bench: unexpected attempt");
      return next(request);
    },
  },
];

/** The same calls through proxyless: no middleware, or the two observers above. */
export function viaProxyless(url: string, withMiddleware = false): Record<Provider, { chat: Run; stream: Run }> {
  const llm = createClient({
    providers: {
      openai: { apiKey: KEY, baseURL: `${url}/v1` },
      anthropic: { apiKey: KEY, baseURL: url },
      google: { apiKey: KEY, baseURL: url },
    },
    // The seam alone: without this, a client with no retry() gets the default one (bench/resilience.ts measures it).
    retry: false,
    ...(withMiddleware ? { middleware: observers } : {}),
  });
  const models: Record<Provider, string> = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-bench", google: "google/gemini-2.5-flash" };
  const messages = [{ role: "user" as const, content: PROMPT }];
  const entry = (provider: Provider): { chat: Run; stream: Run } => ({
    chat: () => timeChat(() => llm.chat({ model: models[provider], messages })),
    stream: () =>
      timeStream(async (onContent) => {
        for await (const event of llm.stream({ model: models[provider], messages })) if (event.type === "text-delta") onContent();
      }),
  });
  return { openai: entry("openai"), anthropic: entry("anthropic"), google: entry("google") };
}
