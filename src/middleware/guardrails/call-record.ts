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
export async function applyInput(rules: readonly InputRule[], request: ChatRequest, call: CallRecord): Promise<ChatRequest> {
  let current = request;
  for (const rule of rules) current = await rule.apply(current, call);
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
