import type { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ValidationIssue } from "../../core/errors/validation-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse, GuardrailNote } from "../../core/types/chat-response.js";
import type { MiddlewareContext } from "../../core/types/middleware.js";
import type { Vault } from "./vault.js";

/** What one call's checks share: the notes for `meta.guardrails`, and the placeholders `pii()` made. */
export interface CallRecord {
  readonly context: MiddlewareContext;
  readonly notes: GuardrailNote[];
  /** Made by the first redaction of the call: most calls have none. */
  vault: Vault | undefined;
  /** The name of the first reversible `pii()` that redacted: the answer's restore is noted under it. */
  restoredBy: string | undefined;
}

/**
 * How the middleware runs a check on a request: the request to hand on (the same object when
 * nothing changed), a note added to `call.notes`, or a `GuardrailError` thrown.
 */
export interface InputRule {
  apply(request: ChatRequest, call: CallRecord): ChatRequest | Promise<ChatRequest>;
}

/** What an output check made of a complete answer. */
export type OutputJudgement =
  /** It passes: the response to hand on, and the note to make when not `passed`. */
  | { readonly response: ChatResponse; readonly note?: GuardrailNote }
  /** Failed in a way one more try may fix: the middleware repairs once (chat) or refuses (stream). */
  | { readonly invalid: { readonly reason: string; readonly issues: readonly ValidationIssue[]; readonly repairPrompt: string } };

/** What an output check is given. */
export interface OutputSubject {
  /** The answer as the caller would get it (placeholders restored). */
  readonly response: ChatResponse;
  /** The request as it was sent. */
  readonly request: ChatRequest;
  readonly call: CallRecord;
  /** Core's own verdict on the request's `responseFormat`, when it refused this answer. */
  readonly structuredError?: StructuredOutputError;
}

/** How the middleware runs a check on an answer. */
export interface OutputRule {
  /** Whether core's `StructuredOutputError` for the request's `responseFormat` is this check's failure to judge (and repair). */
  readonly structured?: boolean;
  judge(subject: OutputSubject): OutputJudgement | Promise<OutputJudgement>;
  /**
   * A scanner for one stream's text as it arrives, for a check that can judge text before the end;
   * absent for one that cannot (a schema needs the whole answer).
   */
  scanner?(): TextScanner;
}

/**
 * One stream's text passing through a check: `push` takes the next delta and gives what may go on
 * now (it may hold back the end, for what the next delta completes), `end` gives what is held.
 * Either throws a `GuardrailError` to end the stream.
 */
export interface TextScanner {
  push(text: string): string;
  end(): string;
}
