import type { AttemptRecord, CallTimings, ChatResponse } from "../../core/types/chat-response.js";
import type { CallEnd } from "../stats/observe-call.js";

/** An error as a record shows it: its class and what it says, never its `cause` (the SDK's error). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (typeof error !== "object" || error === null) return { name: "UnknownError", message: typeof error === "string" ? error : typeof error };
  const e = error as { name?: unknown; message?: unknown; code?: unknown; status?: unknown; provider?: unknown };
  return {
    name: typeof e.name === "string" ? e.name : "UnknownError",
    ...(typeof e.message === "string" && { message: e.message }),
    ...((typeof e.code === "string" || typeof e.code === "number") && { code: e.code }),
    ...(typeof e.status === "number" && { status: e.status }),
    ...(typeof e.provider === "string" && { provider: e.provider }),
  };
}

function attemptFields(attempt: AttemptRecord): Record<string, unknown> {
  const { provider, model, keyIndex } = attempt.target;
  const error = attempt.error && errorFields(attempt.error);
  return {
    target: { provider, model, keyIndex },
    durationMs: round(attempt.durationMs),
    ...(attempt.providerMs !== undefined && { providerMs: round(attempt.providerMs) }),
    ...(attempt.firstTokenMs !== undefined && { firstTokenMs: round(attempt.firstTokenMs) }),
    ...(error && { error }),
  };
}

/** The fields of a call's one record, before redaction. */
export function callFields(end: CallEnd, logContent: boolean): Record<string, unknown> {
  const { request, context, outcome } = end;
  const base = { callId: context.callId, kind: context.kind, model: request.model };
  const attempts = end.attempts.map(attemptFields);
  const content = logContent ? { messages: request.messages } : {};
  const latencyMs = round(end.latencyMs);
  const timings = roundTimings(end.timings);
  if (outcome.type === "answered") return { ...base, ...answerFields(outcome.response, latencyMs), timings, attempts, ...content, ...(logContent && outputOf(outcome.response)) };
  if (outcome.type === "failed") return { ...base, error: errorFields(outcome.error), latencyMs, timings, attempts, ...content };
  return { ...base, cancelled: true, latencyMs, timings, attempts, ...content };
}

function roundTimings(t: CallTimings): CallTimings {
  return { queuedMs: round(t.queuedMs), backoffMs: round(t.backoffMs), cacheMs: round(t.cacheMs), providerMs: round(t.providerMs), overheadMs: round(t.overheadMs) };
}

function answerFields(response: ChatResponse, latencyMs: number): Record<string, unknown> {
  const { meta } = response;
  return {
    provider: response.provider,
    responseModel: response.model,
    latencyMs,
    ...(meta.timeToFirstTokenMs !== undefined && { timeToFirstTokenMs: round(meta.timeToFirstTokenMs) }),
    usage: response.usage,
    cached: meta.cached,
    finishReason: response.finishReason,
    ...(meta.requestId !== undefined && { requestId: meta.requestId }),
  };
}

function outputOf(response: ChatResponse): Record<string, unknown> {
  return {
    output: {
      text: response.text,
      ...(response.reasoning !== undefined && { reasoning: response.reasoning }),
      ...(response.refusal !== undefined && { refusal: response.refusal }),
      ...(response.toolCalls.length > 0 && { toolCalls: response.toolCalls }),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
