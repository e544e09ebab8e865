import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { ChatNext, MiddlewareContext } from "../../core/types/middleware.js";
import { applyInput, newCallRecord, restoreAnswer, withNotes } from "./call-record.js";
import type { CallRecord } from "./guard-rules.js";
import { judgeAnswer, type Answer } from "./judge-answer.js";
import type { ResolvedGuardrailsOptions } from "./resolve-guardrails-options.js";

/** One model answer: as the model wrote it (for a repair), and as the caller would get it (to judge). */
interface Asked {
  readonly raw: ChatResponse;
  readonly answer: Answer;
  readonly restored: number;
}

/**
 * A `chat` under the guardrails: the input checks, the call, the originals restored, the output
 * checks with one repair, and the notes.
 */
export async function guardChat(plan: ResolvedGuardrailsOptions, request: ChatRequest, context: MiddlewareContext, next: ChatNext): Promise<ChatResponse> {
  const call = newCallRecord(context);
  const sent = await applyInput(plan.input, request, call);
  // Nothing to do with the answer but note: no restore, no judging.
  if (plan.output.length === 0 && !call.vault?.restorable) return withNotes(call, await next(sent), 0);
  const first = await ask(plan, sent, call, next);
  let restored = first.restored;
  const repair = async (prompt: string): Promise<Answer> => {
    // The answer as the model wrote it, placeholders and all: a repair never sends an original.
    const messages = [...sent.messages, { role: "assistant" as const, content: first.raw.text }, { role: "user" as const, content: prompt }];
    const again = await ask(plan, { ...sent, messages }, call, next);
    restored = again.restored;
    return again.answer;
  };
  const response = await judgeAnswer(plan.output, first.answer, sent, call, repair);
  return withNotes(call, response, restored);
}

async function ask(plan: ResolvedGuardrailsOptions, request: ChatRequest, call: CallRecord, next: ChatNext): Promise<Asked> {
  let raw: ChatResponse;
  let structuredError: StructuredOutputError | undefined;
  try {
    raw = await next(request);
  } catch (error) {
    // Core refused the answer for the request's own responseFormat: jsonOutput() judges (and repairs) that.
    if (!(plan.structured && error instanceof StructuredOutputError && isResponse(error.response))) throw error;
    raw = error.response;
    structuredError = error;
  }
  const { response, restored } = restoreAnswer(call, raw);
  return { raw, answer: structuredError ? { response, structuredError } : { response }, restored };
}

/** Whether a `StructuredOutputError` carries the response it refused (core's always do). */
export function isResponse(value: unknown): value is ChatResponse {
  return typeof value === "object" && value !== null && typeof (value as ChatResponse).text === "string" && typeof (value as ChatResponse).meta === "object";
}
