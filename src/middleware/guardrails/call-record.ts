import { isThenable } from "../../core/is-thenable.js";
import { withMeta } from "../../core/response/finalize-response.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { MiddlewareContext } from "../../core/types/middleware.js";
import type { CallRecord, InputRule } from "./guard-rules.js";
import { restoreResponse } from "./restore-response.js";

/** A call's record, before any check ran. */
export function newCallRecord(context: MiddlewareContext): CallRecord {
  return { context, notes: [], vault: undefined, restoredBy: undefined };
}

/** The request after every input check, in order: the one to send. */
export function applyInput(rules: readonly InputRule[], request: ChatRequest, call: CallRecord): ChatRequest | Promise<ChatRequest> {
  let current = request;
  for (let i = 0; i < rules.length; i++) {
    const applied = (rules[i] as InputRule).apply(current, call);
    // The built-in checks answer at once: a promise only from a check that is asynchronous, and the rest wait for it.
    if (isThenable(applied)) return applyRest(rules, i + 1, applied, call);
    current = applied;
  }
  return current;
}

async function applyRest(rules: readonly InputRule[], from: number, pending: PromiseLike<ChatRequest>, call: CallRecord): Promise<ChatRequest> {
  let current = await pending;
  for (let i = from; i < rules.length; i++) current = await (rules[i] as InputRule).apply(current, call);
  return current;
}

/** The answer with the originals restored, when a reversible `pii()` redacted this call; how many were. */
export function restoreAnswer(call: CallRecord, response: ChatResponse): { readonly response: ChatResponse; readonly restored: number } {
  const vault = call.vault;
  if (!vault?.restorable) return { response, restored: 0 };
  const counted = { count: 0 };
  return { response: restoreResponse(vault, response, counted), restored: counted.count };
}

/** The response with this call's notes after any an inner middleware left, and a note of what was restored. */
export function withNotes(call: CallRecord, response: ChatResponse, restored: number): ChatResponse {
  if (restored > 0 && call.restoredBy !== undefined) call.notes.push({ check: call.restoredBy, side: "output", action: "restored", count: restored });
  if (call.notes.length === 0) return response;
  return withMeta(response, { guardrails: [...(response.meta.guardrails ?? []), ...call.notes] });
}
