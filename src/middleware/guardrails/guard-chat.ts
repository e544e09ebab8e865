import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { ChatNext, MiddlewareContext } from "../../core/types/middleware.js";
import { whenReady } from "../../core/is-thenable.js";
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
 * checks with one repair, and the notes. Promise chains rather than an async function: with the
 * built-in checks, which answer at once, the call waits for nothing but the provider.
 */
export function guardChat(plan: ResolvedGuardrailsOptions, request: ChatRequest, context: MiddlewareContext, next: ChatNext): Promise<ChatResponse> {
  const call = newCallRecord(context);
  try {
    return whenReady(applyInput(plan.input, request, call), (checked) => send(plan, checked, call, next));
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a check's refusal, as it was thrown
    return Promise.reject(error);
  }
}

/** The checked request sent, and its answer judged. */
function send(plan: ResolvedGuardrailsOptions, sent: ChatRequest, call: CallRecord, next: ChatNext): Promise<ChatResponse> {
  // Nothing to do with the answer but note: no restore, no judging.
  if (plan.output.length === 0 && !call.vault?.restorable) return next(sent).then((response) => withNotes(call, response, 0));
  return ask(plan, sent, call, next).then((first) => {
    let restored = first.restored;
    const repair = async (prompt: string): Promise<Answer> => {
      // The answer as the model wrote it, placeholders and all: a repair never sends an original.
      const messages = [...sent.messages, { role: "assistant" as const, content: first.raw.text }, { role: "user" as const, content: prompt }];
      const again = await ask(plan, { ...sent, messages }, call, next);
      restored = again.restored;
      return again.answer;
    };
    const judged = judgeAnswer(plan.output, first.answer, sent, call, repair);
    // `restored` is read once the judging is over: a repair sets it.
    return whenReady(judged, (response) => withNotes(call, response, restored));
  });
}

function ask(plan: ResolvedGuardrailsOptions, request: ChatRequest, call: CallRecord, next: ChatNext): Promise<Asked> {
  return next(request).then(
    (raw) => asked(call, raw, undefined),
    (error: unknown) => {
      // Core refused the answer for the request's own responseFormat: jsonOutput() judges (and repairs) that.
      if (!(plan.structured && error instanceof StructuredOutputError && isResponse(error.response))) throw error;
      return asked(call, error.response, error);
    },
  );
}

function asked(call: CallRecord, raw: ChatResponse, structuredError: StructuredOutputError | undefined): Asked {
  const { response, restored } = restoreAnswer(call, raw);
  return { raw, answer: structuredError ? { response, structuredError } : { response }, restored };
}

/** Whether a `StructuredOutputError` carries the response it refused (core's always do). */
export function isResponse(value: unknown): value is ChatResponse {
  return typeof value === "object" && value !== null && typeof (value as ChatResponse).text === "string" && typeof (value as ChatResponse).meta === "object";
}
