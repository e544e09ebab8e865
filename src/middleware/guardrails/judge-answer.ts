import { GuardrailError } from "../../core/errors/guardrail-error.js";
import type { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { CallRecord } from "./guard-rules.js";
import type { ResolvedOutputCheck } from "./resolve-guardrails-options.js";

/** An answer to judge: the response as the caller would get it, and core's verdict on its `responseFormat` when it refused it. */
export interface Answer {
  readonly response: ChatResponse;
  readonly structuredError?: StructuredOutputError;
}

/** Asks again once, after a check found the answer invalid: the new answer. */
export type Repair = (prompt: string) => Promise<Answer>;

/**
 * Runs the output checks in order on an answer, each on what the one before handed on. An invalid
 * answer is repaired once when `repair` is given (chat) and judged anew by every check; without
 * it (a stream, or the repaired answer itself) it is a `GuardrailError`.
 *
 * @param repairedBy the check whose failure the answer is a repair of: its pass is noted `repaired`.
 */
export async function judgeAnswer(
  checks: readonly ResolvedOutputCheck[],
  answer: Answer,
  request: ChatRequest,
  call: CallRecord,
  repair: Repair | undefined,
  repairedBy?: string,
): Promise<ChatResponse> {
  const mark = call.notes.length;
  let response = answer.response;
  for (const check of checks) {
    const judgement = await check.rule.judge({ response, request, call, ...(answer.structuredError ? { structuredError: answer.structuredError } : {}) });
    if ("invalid" in judgement) {
      const { reason, issues, repairPrompt } = judgement.invalid;
      if (!repair) throw new GuardrailError({ check: check.name, side: "output", reason: repairedBy === undefined ? reason : `${reason} (after one repair)`, issues });
      // The notes of this try go: the repaired answer is judged, and noted, anew.
      call.notes.length = mark;
      return judgeAnswer(checks, await repair(repairPrompt), request, call, undefined, check.name);
    }
    response = judgement.response;
    call.notes.push(judgement.note ?? (check.name === repairedBy ? { check: check.name, side: "output", action: "repaired", count: 1 } : check.passed));
  }
  return response;
}
