import { GuardrailError } from "../../core/errors/guardrail-error.js";
import type { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import { isThenable } from "../../core/is-thenable.js";
import type { CallRecord, OutputJudgement } from "./guard-rules.js";
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
export function judgeAnswer(
  checks: readonly ResolvedOutputCheck[],
  answer: Answer,
  request: ChatRequest,
  call: CallRecord,
  repair: Repair | undefined,
  repairedBy?: string,
): ChatResponse | Promise<ChatResponse> {
  return judgeFrom(0, call.notes.length, answer.response, { checks, answer, request, call, repair, repairedBy });
}

/** One judging of one answer: what every check of it is asked with. */
interface Judging {
  readonly checks: readonly ResolvedOutputCheck[];
  readonly answer: Answer;
  readonly request: ChatRequest;
  readonly call: CallRecord;
  readonly repair: Repair | undefined;
  readonly repairedBy: string | undefined;
}

/**
 * The checks from `from` on, each on what the one before handed on. Synchronous while the checks
 * answer at once (the built-ins do): a promise only from the first check that gives one.
 */
function judgeFrom(from: number, mark: number, response: ChatResponse, judging: Judging): ChatResponse | Promise<ChatResponse> {
  const { checks, answer, request, call } = judging;
  let current = response;
  for (let i = from; i < checks.length; i++) {
    const check = checks[i] as ResolvedOutputCheck;
    const judgement = check.rule.judge({ response: current, request, call, ...(answer.structuredError ? { structuredError: answer.structuredError } : {}) });
    if (isThenable(judgement)) {
      return Promise.resolve(judgement).then((settled) => {
        const after = afterJudgement(settled, i, mark, judging);
        return "next" in after ? judgeFrom(i + 1, mark, after.next, judging) : after;
      });
    }
    const after = afterJudgement(judgement, i, mark, judging);
    if (!("next" in after)) return after;
    current = after.next;
  }
  return current;
}

/** Check `i`'s judgement: the answer to hand to the next check, or how the judging ends (an error, a repair). */
function afterJudgement(judgement: OutputJudgement, i: number, mark: number, judging: Judging): { readonly next: ChatResponse } | Promise<ChatResponse> {
  const { checks, request, call, repair, repairedBy } = judging;
  const check = checks[i] as ResolvedOutputCheck;
  if ("invalid" in judgement) {
    const { reason, issues, repairPrompt } = judgement.invalid;
    if (!repair) throw new GuardrailError({ check: check.name, side: "output", reason: repairedBy === undefined ? reason : `${reason} (after one repair)`, issues });
    // The notes of this try go: the repaired answer is judged, and noted, anew.
    call.notes.length = mark;
    return repair(repairPrompt).then((again) => judgeAnswer(checks, again, request, call, undefined, check.name));
  }
  call.notes.push(judgement.note ?? (check.name === repairedBy ? { check: check.name, side: "output", action: "repaired", count: 1 } : check.passed));
  return { next: judgement.response };
}
