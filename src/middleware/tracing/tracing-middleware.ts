/**
 * The tracing middleware: OpenTelemetry spans and metrics for every call and every attempt,
 * following the GenAI semantic conventions, on `@opentelemetry/api` alone.
 *
 * @module
 */
import { context as otelContext, trace, SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type Tracer } from "@opentelemetry/api";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { AttemptRecord, ChatResponse } from "../../core/types/chat-response.js";
import type { ChatNext, Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { inputContent, outputContent } from "./convert-content.js";
import { Instruments, SCOPE_NAME, type InstrumentSet } from "./instruments.js";
import type { ProviderInfo } from "./provider-info.js";
import { resolveTracingOptions, type ResolvedTracingOptions } from "./resolve-tracing-options.js";
import { ATTR, PROXYLESS } from "./semconv.js";
import {
  errorMessage,
  errorType,
  providerAttribute,
  setCostAttributes,
  setErrorDetails,
  setGuardrailAttributes,
  setRequestAttributes,
  setResponseAttributes,
  setServerAttributes,
  setUsageAttributes,
} from "./span-attributes.js";
import { spansMayRecord } from "./spans-may-record.js";
import { TracedStream, type StreamSpans } from "./traced-stream.js";
import type { TracingOptions } from "./tracing-options.js";

/** One call's span, shared with its attempts through `context.state`. */
interface CallTrace {
  readonly span: Span;
  /** The request-scope context of the call, read again when it ends (`attempts`). */
  readonly call: MiddlewareContext;
  /** The context the call ran in, with its span: the parent of every attempt span. */
  readonly context: Context;
  readonly startedAt: number;
  /** Attempts that reached the companion, by id; any other in `context.attempts` was never sent. */
  readonly seen: Set<string>;
  /** Attempts already told as never sent. */
  readonly told: Set<string>;
  ended: boolean;
  firstChunkSeen: boolean;
  /** With `captureContent`: whether the input was recorded (from the first attempt's request). */
  inputCaptured: boolean;
  /** With `captureContent`: the answer as the provider gave it, to record as the output. */
  answer?: ChatResponse;
}

/** One attempt: its span (when there is one), the context its request runs in, and its clock. */
interface AttemptTrace {
  readonly span: Span | undefined;
  readonly context: Context;
  readonly startedAt: number;
  readonly info: ProviderInfo;
  readonly metricAttributes: Attributes | undefined;
  readonly instruments: InstrumentSet | undefined;
  /** The call's trace, when the call is traced. */
  readonly call: CallTrace | undefined;
  ended: boolean;
  firstChunkSeen: boolean;
}

/**
 * Traces every call: a span for the call (request scope) and, inside it, a span for each attempt
 * (the inference span, kind `CLIENT`, named `chat gpt-4o-mini` or `generate_content gemini-2.5-flash`),
 * active around the SDK's request so that SDK and HTTP instrumentation spans are its children. A
 * retry, a fallback or a hedge is another attempt span under the same call span, with a span event
 * on the call span; an attempt that was never sent (an open circuit, a limiter's refusal) is a
 * `proxyless.attempt.not_sent` event with its `error.type`; a cache hit is the call span alone,
 * with `proxyless.cache.hit`. Records the GenAI client metrics per attempt: operation duration,
 * token usage, time to first chunk.
 *
 * Put it first in `middleware`, before `cache()`, so that its call span covers the whole call and
 * sees cache hits. With no OpenTelemetry SDK registered (and no provider given) it is idle: calls
 * run as if it were not there, until one is registered.
 *
 * @throws ConfigError at once for a bad option, naming it.
 * @example
 * ```ts
 * import { cache, createClient, tracing } from "proxyless";
 *
 * // Register an OpenTelemetry SDK first (see docs/tracing.md); tracing() uses the global one.
 * const llm = createClient({ middleware: [tracing(), cache()] });
 * ```
 */
export function tracing(options?: TracingOptions): Middleware {
  const policy = resolveTracingOptions(options);
  // Through the API's proxy when no provider is given: a global registered later is used too.
  const tracer = (policy.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE_NAME);
  const instruments = new Instruments(policy);
  // One key per middleware instance: two tracers in one client keep apart.
  const key = Symbol(policy.name);
  const parts: TracingParts = { policy, tracer, key, instruments };
  const calls = new CallSpans(parts);
  const attempts = new AttemptSpans(parts);
  const mayRecord = spansMayRecord(policy.tracerProvider);

  const companion: Middleware = {
    name: `${policy.name}:attempt`,
    scope: "attempt",

    wrapChat({ request, context, next }) {
      return tracedChat(attempts, attempts.start(request, context, false), request, next);
    },

    wrapStream({ request, context, next }) {
      return { [Symbol.asyncIterator]: () => new TracedStream(() => next(request)[Symbol.asyncIterator](), () => attempts.start(request, context, true), attempts) };
    },
  };

  return {
    name: policy.name,
    scope: "request",
    attempt: companion,
    // Nothing can record (no SDK, no meter provider): the call runs as if there were no tracer.
    idle: () => !mayRecord() && instruments.current() === undefined,

    wrapChat({ request, context, next }) {
      return tracedChat(calls, calls.start(request, context, false), request, next);
    },

    wrapStream({ request, context, next }) {
      return { [Symbol.asyncIterator]: () => new TracedStream(() => next(request)[Symbol.asyncIterator](), () => calls.start(request, context, true), calls) };
    },
  } satisfies Middleware;
}

/**
 * Runs a chat under a span (`undefined`: nothing records, and the chat runs as it is), active
 * around `next`; tells how it ended.
 */
async function tracedChat<T extends { readonly context: Context }>(
  spans: { succeeded(span: T, response: ChatResponse): void; failed(span: T, error: unknown): void },
  span: T | undefined,
  request: ChatRequest,
  next: ChatNext,
): Promise<ChatResponse> {
  if (!span) return next(request);
  let response: ChatResponse;
  try {
    response = await otelContext.with(span.context, next, undefined, request);
  } catch (error) {
    spans.failed(span, error);
    throw error;
  }
  spans.succeeded(span, response);
  return response;
}

/** What the call spans and the attempt spans of one `tracing()` share. */
interface TracingParts {
  readonly policy: ResolvedTracingOptions;
  readonly tracer: Tracer;
  /** Where a call's trace is kept in `context.state`: one key per `tracing()`. */
  readonly key: symbol;
  readonly instruments: Instruments;
}

/** The call spans of one `tracing()`. */
class CallSpans implements StreamSpans<CallTrace> {
  readonly #parts: TracingParts;

  constructor(parts: TracingParts) {
    this.#parts = parts;
  }

  /** Starts the call's span, or gives `undefined` when it would record nothing (no SDK, sampled out). */
  start(request: ChatRequest, context: MiddlewareContext, stream: boolean): CallTrace | undefined {
    const parent = otelContext.active();
    const span = this.#parts.tracer.startSpan(`chat ${request.model}`, { kind: SpanKind.CLIENT }, parent);
    if (!span.isRecording()) {
      span.end();
      return undefined;
    }
    span.setAttribute(ATTR.operationName, "chat");
    span.setAttribute(ATTR.requestModel, request.model);
    span.setAttribute(PROXYLESS.callId, context.callId);
    setRequestAttributes(span, request, stream);
    // Content is recorded as it was sent and answered (by the attempts): after guardrails redacted
    // it, not as the caller wrote it.
    const call: CallTrace = {
      span,
      call: context,
      context: trace.setSpan(parent, span),
      startedAt: performance.now(),
      seen: new Set(),
      told: new Set(),
      ended: false,
      firstChunkSeen: false,
      inputCaptured: false,
    };
    context.state.set(this.#parts.key, call);
    return call;
  }

  event(call: CallTrace, event: StreamEvent): void {
    if (!call.firstChunkSeen) {
      call.firstChunkSeen = true;
      call.span.setAttribute(ATTR.responseTimeToFirstChunk, (performance.now() - call.startedAt) / 1000);
    }
    if (event.type === "finish") this.succeeded(call, event.response);
  }

  succeeded(call: CallTrace, response: ChatResponse): void {
    if (call.ended) return;
    const { span } = call;
    const info = this.#parts.policy.provider(response.provider);
    span.setAttribute(providerAttribute(this.#parts.policy.semconv), info.name);
    span.setAttribute(PROXYLESS.provider, response.provider);
    setResponseAttributes(span, response);
    setUsageAttributes(span, response.usage, "proxyless");
    span.setAttribute(PROXYLESS.cacheHit, response.meta.cached);
    if (response.meta.cache) span.setAttribute(PROXYLESS.cacheStatus, response.meta.cache.status);
    setCostAttributes(span, response.cost);
    setGuardrailAttributes(span, response.meta.guardrails);
    if (this.#parts.policy.captureContent && call.answer) setOutput(this.#parts.policy, span, call.answer);
    this.#end(call);
  }

  failed(call: CallTrace, error: unknown): void {
    if (call.ended) return;
    const { span } = call;
    span.setAttribute(ATTR.errorType, errorType(error));
    setErrorDetails(span, error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    this.#end(call);
  }

  /** The stream ended without `finish` having been seen: the consumer closed it early. */
  closed(call: CallTrace, early: boolean): void {
    if (call.ended) return;
    if (early) call.span.setAttribute(PROXYLESS.streamClosed, true);
    this.#end(call);
  }

  #end(call: CallTrace): void {
    call.ended = true;
    const attempts = call.call.attempts;
    tellNotSent(call, attempts);
    const { span } = call;
    span.setAttribute(PROXYLESS.attemptCount, attempts.length);
    // Where the call's time went, as far as the chain's end (the caller's own `meta.timings`).
    const timings = call.call.timings();
    span.setAttributes({
      [PROXYLESS.timingsQueued]: timings.queuedMs,
      [PROXYLESS.timingsBackoff]: timings.backoffMs,
      [PROXYLESS.timingsCache]: timings.cacheMs,
      [PROXYLESS.timingsProvider]: timings.providerMs,
      [PROXYLESS.timingsOverhead]: timings.overheadMs,
    });
    this.#parts.instruments.current()?.overhead?.record(timings.overheadMs / 1000, { [ATTR.operationName]: "chat" });
    span.end();
  }

}

/** The attempt spans and metrics of one `tracing()`. */
class AttemptSpans implements StreamSpans<AttemptTrace> {
  readonly #parts: TracingParts;

  constructor(parts: TracingParts) {
    this.#parts = parts;
  }

  /** Starts an attempt's span and clock, or gives `undefined` when neither spans nor metrics record. */
  start(request: ChatRequest, context: MiddlewareContext, stream: boolean): AttemptTrace | undefined {
    const call = context.state.get(this.#parts.key) as CallTrace | undefined;
    const instruments = this.#parts.instruments.current();
    const target = context.target;
    const attempt = context.attempt;
    if ((!call && !instruments) || !target || !attempt) return undefined;
    const info = this.#parts.policy.provider(target.provider);
    const providerKey = providerAttribute(this.#parts.policy.semconv);
    let span: Span | undefined;
    let active = call?.context ?? otelContext.active();
    if (call) {
      call.seen.add(attempt.id);
      if (this.#parts.policy.captureContent && !call.inputCaptured) {
        call.inputCaptured = true;
        setInput(this.#parts.policy, call.span, request);
      }
      const finished = context.attempts;
      tellNotSent(call, finished);
      if (attempt.number > 1) tellNextAttempt(call.span, attempt.number, target, finished);
      if (this.#parts.policy.attemptSpans) {
        span = this.#parts.tracer.startSpan(`${info.operation} ${target.model}`, { kind: SpanKind.CLIENT }, call.context);
        span.setAttribute(ATTR.operationName, info.operation);
        span.setAttribute(providerKey, info.name);
        span.setAttribute(ATTR.requestModel, target.model);
        span.setAttribute(PROXYLESS.provider, target.provider);
        span.setAttribute(PROXYLESS.attemptNumber, attempt.number);
        span.setAttribute(PROXYLESS.attemptId, attempt.id);
        span.setAttribute(PROXYLESS.keyIndex, target.keyIndex);
        const server: Attributes = {};
        setServerAttributes(server, info);
        span.setAttributes(server);
        setRequestAttributes(span, request, stream);
        active = trace.setSpan(call.context, span);
      }
    }
    let metricAttributes: Attributes | undefined;
    if (instruments) {
      metricAttributes = { [ATTR.operationName]: info.operation, [providerKey]: info.name, [ATTR.requestModel]: target.model };
      setServerAttributes(metricAttributes, info);
    }
    return { span, context: active, startedAt: performance.now(), info, metricAttributes, instruments, call, ended: false, firstChunkSeen: false };
  }

  event(attempt: AttemptTrace, event: StreamEvent): void {
    if (attempt.ended) return;
    if (!attempt.firstChunkSeen) {
      attempt.firstChunkSeen = true;
      const seconds = (performance.now() - attempt.startedAt) / 1000;
      attempt.span?.setAttribute(ATTR.responseTimeToFirstChunk, seconds);
      if (attempt.metricAttributes) attempt.instruments?.timeToFirstChunk?.record(seconds, attempt.metricAttributes);
    }
    if (event.type === "finish") this.succeeded(attempt, event.response);
  }

  succeeded(attempt: AttemptTrace, response: ChatResponse): void {
    if (attempt.ended) return;
    attempt.ended = true;
    if (attempt.call && this.#parts.policy.captureContent) attempt.call.answer = response;
    const seconds = (performance.now() - attempt.startedAt) / 1000;
    const { span } = attempt;
    if (span) {
      setResponseAttributes(span, response);
      setUsageAttributes(span, response.usage, "gen_ai");
      // The attempt's own cost: the response's is the call's, every attempt's together.
      setCostAttributes(span, response.meta.attempts[response.meta.attempts.length - 1]?.cost);
      span.end();
    }
    const { instruments, metricAttributes } = attempt;
    if (!instruments || !metricAttributes) return;
    const attributes = response.model !== "" ? { ...metricAttributes, [ATTR.responseModel]: response.model } : metricAttributes;
    instruments.operationDuration?.record(seconds, attributes);
    if (instruments.tokenUsage) {
      instruments.tokenUsage.record(response.usage.inputTokens, { ...attributes, [ATTR.tokenType]: "input" });
      instruments.tokenUsage.record(response.usage.outputTokens, { ...attributes, [ATTR.tokenType]: "output" });
    }
  }

  failed(attempt: AttemptTrace, error: unknown): void {
    if (attempt.ended) return;
    attempt.ended = true;
    const seconds = (performance.now() - attempt.startedAt) / 1000;
    const type = errorType(error);
    const { span } = attempt;
    if (span) {
      span.setAttribute(ATTR.errorType, type);
      setErrorDetails(span, error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      span.end();
    }
    if (attempt.metricAttributes) attempt.instruments?.operationDuration?.record(seconds, { ...attempt.metricAttributes, [ATTR.errorType]: type });
  }

  /** Closed by the consumer before `finish` (or ended without one): the span ends, no metric is recorded. */
  closed(attempt: AttemptTrace, early: boolean): void {
    if (attempt.ended) return;
    attempt.ended = true;
    if (early) attempt.span?.setAttribute(PROXYLESS.streamClosed, true);
    attempt.span?.end();
  }
}

/**
 * Tells, on the call span, of each attempt that ended before the companion saw it: one that a
 * breaker, a limiter or another middleware ended before anything was sent.
 */
function tellNotSent(call: CallTrace, attempts: readonly AttemptRecord[]): void {
  for (const record of attempts) {
    if (call.seen.has(record.id) || call.told.has(record.id)) continue;
    call.told.add(record.id);
    call.span.addEvent(PROXYLESS.eventNotSent, {
      [PROXYLESS.attemptNumber]: record.number,
      [PROXYLESS.provider]: record.target.provider,
      [ATTR.requestModel]: record.target.model,
      [PROXYLESS.attemptDuration]: record.durationMs / 1000,
      ...(record.error && { [ATTR.errorType]: errorType(record.error) }),
    });
  }
}

/**
 * Tells why another attempt starts: a retry (the attempt before it, on the same target, failed), a
 * fallback (on another target), or a hedge (the attempt before it is still running).
 */
function tellNextAttempt(span: Span, number: number, target: { readonly provider: string; readonly model: string }, finished: readonly AttemptRecord[]): void {
  const previous = finished.find((a) => a.number === number - 1);
  const name = !previous ? PROXYLESS.eventHedge : previous.target.provider === target.provider && previous.target.model === target.model ? PROXYLESS.eventRetry : PROXYLESS.eventFallback;
  span.addEvent(name, {
    [PROXYLESS.attemptNumber]: number,
    [PROXYLESS.provider]: target.provider,
    [ATTR.requestModel]: target.model,
    ...(previous?.error && { [ATTR.errorType]: errorType(previous.error) }),
  });
}

/** A message as the v1.27-era `gen_ai.prompt` had it: a role and its text. */
function legacyMessage(message: ChatRequest["messages"][number]): { readonly role: string; readonly content: string } {
  const { content } = message;
  const text = typeof content === "string" ? content : content == null ? "" : content.map((p) => (p.type === "text" ? p.text : `[${p.type}]`)).join("");
  return { role: message.role, content: text };
}

/** The request as sent, on the call span (with `captureContent`). */
function setInput(policy: ResolvedTracingOptions, span: Span, request: ChatRequest): void {
  if (policy.semconv === "legacy") {
    span.addEvent(PROXYLESS.legacyPromptEvent, { [ATTR.legacyPrompt]: JSON.stringify(request.messages.map(legacyMessage)) });
    return;
  }
  const { system, messages } = inputContent(request);
  if (system !== undefined) span.setAttribute(ATTR.systemInstructions, system);
  span.setAttribute(ATTR.inputMessages, messages);
}

/** The answer as the provider gave it, on the call span (with `captureContent`). */
function setOutput(policy: ResolvedTracingOptions, span: Span, response: ChatResponse): void {
  if (policy.semconv === "legacy") {
    span.addEvent(PROXYLESS.legacyCompletionEvent, { [ATTR.legacyCompletion]: JSON.stringify([{ role: "assistant", content: response.text }]) });
    return;
  }
  span.setAttribute(ATTR.outputMessages, outputContent(response));
}
