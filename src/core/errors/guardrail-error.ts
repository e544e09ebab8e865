import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";
import type { ValidationIssue } from "./validation-error.js";

/** What a guardrail refused: which check, on which side, and why. */
export interface GuardrailErrorDetails {
  /** The check's name (`pii`, `blocklist`, `maxInputSize`, `jsonOutput`, a custom check's name). */
  readonly check: string;
  /** `input`: nothing was sent; `output`: the answer was refused. */
  readonly side: "input" | "output";
  /** Why, without the text that failed: never a redacted value, a detected secret or the full blocked text. */
  readonly reason: string;
  /** For an output that failed its schema: what was wrong (paths and messages, no values). */
  readonly issues?: readonly ValidationIssue[];
}

/**
 * A guardrail refused the call: an input check before anything was sent (`side: "input"`), or an
 * output check on the answer (`side: "output"`; for a stream, instead of its `finish`). Never
 * retryable: the same request would meet the same check. `code` is `guardrail_input_blocked` or
 * `guardrail_output_blocked`.
 *
 * @example
 * ```ts
 * try {
 *   await llm.chat(request);
 * } catch (error) {
 *   if (error instanceof GuardrailError && error.side === "input") console.warn(`refused by ${error.check}: ${error.reason}`);
 * }
 * ```
 */
export class GuardrailError extends ProxylessError {
  override readonly name = "GuardrailError";
  readonly check: string;
  readonly side: "input" | "output";
  readonly reason: string;
  readonly issues: readonly ValidationIssue[];

  constructor(verdict: GuardrailErrorDetails, options: Omit<ProxylessErrorOptions, "retryable"> = {}) {
    super(`guardrails: ${verdict.side} check "${verdict.check}" refused the call: ${verdict.reason}`, { code: `guardrail_${verdict.side}_blocked`, ...options }, false);
    this.check = verdict.check;
    this.side = verdict.side;
    this.reason = verdict.reason;
    this.issues = verdict.issues ?? [];
  }
}
