import type { ChatRequest } from "../types/chat-request.js";
import type { AttemptRecord, CallTimings, ChatResponse, ResponseMeta } from "../types/chat-response.js";
import type { RateLimitInfo } from "../types/rate-limit-info.js";
import type { AssistantMessage } from "../types/message.js";
import type { ProviderResult } from "../types/provider-adapter.js";
import { checkToolArguments } from "./check-tool-arguments.js";
import { finalizeToolCall } from "./finalize-tool-call.js";
import { parseStructuredOutput } from "./parse-structured-output.js";

/** A response just built, not yet handed to anyone: the attempt that made it fills in the call so far. */
export type FreshResponse = Omit<ChatResponse, "meta"> & { readonly meta: Mutable<ResponseMeta> };

/**
 * Turns an adapter's result into the public response: parsed tool calls with ids, the assistant
 * message for the next turn, and the validated `object` when a format was asked for. Chat and
 * stream both end here, which is what makes their responses identical.
 *
 * `meta.attempts` and `meta.latencyMs` are the attempt's to fill in before it hands the response
 * on; once handed on, nothing changes it (the client builds the call's final response anew).
 */
export async function finalizeResponse(result: ProviderResult, provider: string, request: ChatRequest): Promise<FreshResponse> {
  const toolCalls = result.toolCalls.length === 0 ? [] : result.toolCalls.map(finalizeToolCall);
  if (toolCalls.length > 0 && request.tools) await checkToolArguments(toolCalls, request.tools);
  const message: AssistantMessage = { role: "assistant", content: result.text };
  if (toolCalls.length > 0) (message as { toolCalls?: unknown }).toolCalls = toolCalls;
  if (result.providerMetadata) (message as { providerMetadata?: unknown }).providerMetadata = result.providerMetadata;
  const meta = metaOf(result);
  // Built by assignment, not conditional spreads: this runs once per call and every spread allocates.
  const response: Mutable<FreshResponse> = {
    id: result.id ?? "",
    provider,
    model: result.model ?? "",
    text: result.text,
    toolCalls,
    finishReason: result.finishReason,
    rawFinishReason: result.rawFinishReason,
    usage: result.usage,
    meta,
    message,
    raw: result.raw,
  };
  if (result.reasoning) response.reasoning = result.reasoning;
  if (result.refusal) response.refusal = result.refusal;
  if (request.responseFormat) response.object = await parseStructuredOutput(response, request.responseFormat);
  return response;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Where a meta with a lazy `rateLimit` keeps the function behind its getter (parses on first call,
 * then remembers): a copy reads it and shares the one parse. A symbol, not enumerable, so that it
 * is no field of the contract: JSON, `Object.keys`, `util.inspect`, test matchers (`toEqual`
 * compares enumerable symbols) and spread copies never see it. A middleware's spread copy holds
 * the value then, not the getter, and is copied as a plain object.
 */
const READ_RATE_LIMIT: unique symbol = Symbol("proxyless.readRateLimit");

type LazyMeta = Mutable<ResponseMeta> & { readonly [READ_RATE_LIMIT]?: () => RateLimitInfo | undefined };

/**
 * The response meta, attempts and latency still to come. A rate-limit function becomes a getter
 * that parses on first read: the object itself never changes, and a copy of it ({@link completeMeta})
 * shares the one parse.
 */
function metaOf(result: ProviderResult): Mutable<ResponseMeta> {
  const warnings = result.warnings ?? [];
  const source = result.rateLimit;
  let meta: Mutable<ResponseMeta>;
  if (typeof source === "function") {
    let parsed = false;
    let value: RateLimitInfo | undefined;
    meta = lazyMeta(false, [], 0, warnings, (): RateLimitInfo | undefined => {
      if (!parsed) {
        value = source();
        parsed = true;
      }
      return value;
    });
  } else meta = { cached: false, attempts: [], latencyMs: 0, warnings };
  if (source !== undefined && typeof source !== "function") meta.rateLimit = source;
  if (result.requestId) meta.requestId = result.requestId;
  return meta;
}

/**
 * A meta whose `rateLimit` is a getter over `read`, an own enumerable field as a data field would
 * be (JSON, spreads and `Object.keys` see it). One getter function for every meta, which finds its
 * reader under a symbol: V8 keeps an accessor's function in the object's hidden class, so a getter
 * of its own per meta (as a literal's `get` makes) would give every meta a class of its own, built
 * at run time (about 0.7 µs a copy, and every site that reads a meta megamorphic).
 */
function lazyMeta(cached: boolean, attempts: readonly AttemptRecord[], latencyMs: number, warnings: ResponseMeta["warnings"], read: () => RateLimitInfo | undefined): LazyMeta {
  const meta: LazyMeta = { cached, attempts, latencyMs, warnings };
  Object.defineProperty(meta, READ_RATE_LIMIT, { value: read });
  Object.defineProperty(meta, "rateLimit", RATE_LIMIT_FIELD);
  return meta;
}

function readRateLimit(this: LazyMeta): RateLimitInfo | undefined {
  return this[READ_RATE_LIMIT]?.();
}

const RATE_LIMIT_FIELD: PropertyDescriptor = Object.freeze({ get: readRateLimit, enumerable: true, configurable: true });

/**
 * A copy of a response with some meta fields set, for middleware: the response they were handed
 * stays as it is, and a lazy `rateLimit` stays lazy.
 */
export function withMeta(response: ChatResponse, fields: Partial<ResponseMeta>): ChatResponse {
  const meta = completeMeta(response.meta, response.meta.attempts, response.meta.latencyMs, response.meta.timeToFirstTokenMs) as Mutable<ResponseMeta>;
  Object.assign(meta, fields);
  return { ...response, meta };
}

/**
 * The call's final meta: a new object with the call-level values, the one a middleware may hold
 * left as it is. A lazy `rateLimit` stays lazy: the copy shares the original's reader (parsed once,
 * for both), since reading it to copy the value would parse the headers on every call with
 * middleware (about 12 µs over undici's `Headers`).
 */
export function completeMeta(
  meta: ResponseMeta,
  attempts: readonly AttemptRecord[],
  latencyMs: number,
  timeToFirstTokenMs: number | undefined,
  timings?: CallTimings,
): ResponseMeta {
  const out = copyMeta(meta);
  out.attempts = attempts;
  out.latencyMs = latencyMs;
  if (timings) out.timings = timings;
  if (timeToFirstTokenMs !== undefined) out.timeToFirstTokenMs = timeToFirstTokenMs;
  return out;
}

/** Every field of `ResponseMeta` but `rateLimit`: what {@link copyMeta} copies by name. */
const META_FIELDS: Readonly<Record<Exclude<keyof ResponseMeta, "rateLimit">, true>> = {
  cached: true,
  cache: true,
  attempts: true,
  latencyMs: true,
  timings: true,
  timeToFirstTokenMs: true,
  requestId: true,
  warnings: true,
  guardrails: true,
};

/**
 * A copy of a meta. Without a lazy `rateLimit`, `Object.assign` (not a spread: keys added to a
 * spread copy later cost V8 about a microsecond each). With one, a lazy meta over the same reader,
 * the known fields set by name and any other own ones after.
 */
function copyMeta(meta: ResponseMeta): Mutable<ResponseMeta> {
  const read = (meta as LazyMeta)[READ_RATE_LIMIT];
  // Lazy only while its field is still this getter: a middleware may have deleted or redefined it.
  if (read === undefined || Reflect.getOwnPropertyDescriptor(meta, "rateLimit")?.get !== readRateLimit) return Object.assign({}, meta);
  const out = lazyMeta(meta.cached, meta.attempts, meta.latencyMs, meta.warnings, read);
  if (meta.cache !== undefined) out.cache = meta.cache;
  if (meta.timings !== undefined) out.timings = meta.timings;
  if (meta.timeToFirstTokenMs !== undefined) out.timeToFirstTokenMs = meta.timeToFirstTokenMs;
  if (meta.requestId !== undefined) out.requestId = meta.requestId;
  if (meta.guardrails !== undefined) out.guardrails = meta.guardrails;
  // Fields beyond the contract (a middleware's own) are kept too.
  for (const key of Object.keys(meta)) if (!Object.hasOwn(META_FIELDS, key) && key !== "rateLimit") (out as unknown as Record<string, unknown>)[key] = (meta as unknown as Record<string, unknown>)[key];
  return out;
}
