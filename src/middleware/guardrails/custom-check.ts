import { ConfigError } from "../../core/errors/config-error.js";
import { GuardrailError } from "../../core/errors/guardrail-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import { describeValue } from "../../core/config/known-options.js";
import type { CallRecord, InputRule, OutputJudgement, OutputRule, OutputSubject } from "./guard-rules.js";
import type { InputCheckFunction, InputGuard, OutputCheckFunction, OutputGuard } from "./guardrails-options.js";
import { passedNote } from "./notes.js";

/** A function of the caller's as an input check. */
export function inputCheckOf(check: InputCheckFunction, name: string): InputGuard {
  const passed = passedNote(name, "input");
  const rule: InputRule = {
    async apply(request: ChatRequest, call: CallRecord): Promise<ChatRequest> {
      const verdict = await check({ request, context: call.context });
      const replaced = judged(name, "input", verdict, "replace: request");
      if (replaced === undefined) {
        call.notes.push(passed);
        return request;
      }
      call.notes.push({ check: name, side: "input", action: "redacted" });
      return replaced as ChatRequest;
    },
  };
  return { name, input: rule };
}

/** A function of the caller's as an output check. */
export function outputCheckOf(check: OutputCheckFunction, name: string): OutputGuard {
  const rule: OutputRule = {
    async judge({ response, request, call }: OutputSubject): Promise<OutputJudgement> {
      const verdict = await check({ text: response.text, response, request, context: call.context });
      const replaced = judged(name, "output", verdict, "replace: response");
      if (replaced === undefined) return { response };
      // The note type has no "replaced": a check's own fix of the answer is a repair.
      return { response: replaced as ChatResponse, note: { check: name, side: "output", action: "repaired" } };
    },
  };
  return { name, output: rule };
}

/**
 * What a verdict asks for: `undefined` to pass, the replacement to hand on.
 *
 * @throws GuardrailError for `{ block }`; ConfigError for a verdict of another shape, which is a
 *   bug in the check that should fail loudly rather than pass.
 */
function judged(name: string, side: "input" | "output", verdict: unknown, replaceShape: string): unknown {
  if (verdict === undefined) return undefined;
  if (typeof verdict === "object" && verdict !== null) {
    if ("block" in verdict) {
      const reason = verdict.block;
      throw new GuardrailError({ check: name, side, reason: typeof reason === "string" && reason !== "" ? reason : "blocked" });
    }
    if ("replace" in verdict && typeof verdict.replace === "object" && verdict.replace !== null) return verdict.replace;
  }
  throw new ConfigError(`guardrails: the ${side} check "${name}" returned ${describeValue(verdict)}; return nothing to pass, { block: reason } or { ${replaceShape} }`, { path: side });
}
