import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { MiddlewareContext } from "../../core/types/middleware.js";
import type { InputRule, OutputRule } from "./guard-rules.js";

/** What an input check function is given. */
export interface InputCheckArgs {
  /** The request as the checks before this one left it (redacted, if `pii()` ran first). */
  readonly request: ChatRequest;
  readonly context: MiddlewareContext;
}

/**
 * An input check's verdict: nothing (or `undefined`) to let the request pass as it is,
 * `{ block: reason }` to refuse the call with a `GuardrailError` before anything is sent, or
 * `{ replace: request }` to send another request instead (a new object: never change the one given).
 */
export type InputCheckResult = void | undefined | { readonly block: string } | { readonly replace: ChatRequest };

/**
 * A check of your own on the request, sync or async. Its `name` (a named function's, else
 * `input[<index>]`) names it in errors and in `meta.guardrails`.
 *
 * @example
 * ```ts
 * const tenantRequired: InputCheckFunction = ({ request }) => (request.metadata?.tenant ? undefined : { block: "no tenant in metadata" });
 * ```
 */
export type InputCheckFunction = (args: InputCheckArgs) => InputCheckResult | Promise<InputCheckResult>;

/** What an output check function is given. */
export interface OutputCheckArgs {
  /** The answer's text: `response.text`, with the originals back in if `pii({ mode: "reversible" })` ran. */
  readonly text: string;
  /** The complete answer, as the caller would get it. */
  readonly response: ChatResponse;
  /** The request as it was sent. */
  readonly request: ChatRequest;
  readonly context: MiddlewareContext;
}

/**
 * An output check's verdict: nothing to pass the answer on, `{ block: reason }` to refuse it with
 * a `GuardrailError`, or `{ replace: response }` to hand on another response. On a stream the
 * deltas have reached the caller already: a replacement replaces the `finish` event's response only.
 */
export type OutputCheckResult = void | undefined | { readonly block: string } | { readonly replace: ChatResponse };

/**
 * A check of your own on the complete answer, sync or async: for `chat`, once the response is
 * there; for `stream`, at its `finish`. Named as {@link InputCheckFunction}s are (`output[<index>]`).
 *
 * @example
 * ```ts
 * const noCompetitors: OutputCheckFunction = ({ text }) => (/acme corp/i.test(text) ? { block: "names a competitor" } : undefined);
 * ```
 */
export type OutputCheckFunction = (args: OutputCheckArgs) => OutputCheckResult | Promise<OutputCheckResult>;

/** A built-in check that can run on the input side: `pii()`, `blocklist()`, `maxInputSize()`. */
export interface InputGuard {
  /** Its name in errors and in `meta.guardrails`. */
  readonly name: string;
  /** How the middleware runs it on a request (internal: build guards with the factories). */
  readonly input: InputRule;
}

/** A built-in check that can run on the output side: `blocklist()`, `jsonOutput()`. */
export interface OutputGuard {
  /** Its name in errors and in `meta.guardrails`. */
  readonly name: string;
  /** How the middleware runs it on an answer (internal: build guards with the factories). */
  readonly output: OutputRule;
}

/** One entry of `input`: a built-in check or a function of your own. */
export type InputCheck = InputGuard | InputCheckFunction;

/** One entry of `output`: a built-in check or a function of your own. */
export type OutputCheck = OutputGuard | OutputCheckFunction;

/**
 * Options of {@link guardrails}. Checks run in the order given; the first that refuses ends the call.
 *
 * @example
 * ```ts
 * guardrails({
 *   input: [pii({ mode: "reversible" }), blocklist(["ignore previous instructions"]), maxInputSize({ tokens: 8000 })],
 *   output: [jsonOutput({ schema: z.object({ answer: z.string() }) }), blocklist([/internal use only/i])],
 * });
 * ```
 */
export interface GuardrailsOptions {
  /** Checks on the request, before anything is sent. @default [] */
  readonly input?: readonly InputCheck[];
  /** Checks on the answer (a stream's at its `finish`, and mid-stream where a check can). @default [] */
  readonly output?: readonly OutputCheck[];
  /** The middleware's name in errors and traces. @default "guardrails" */
  readonly name?: string;
}
