import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";
import type { ValidationIssue } from "./validation-error.js";

/**
 * The model's output did not parse as JSON or did not match `responseFormat.schema` (or there was
 * no output to parse: a refusal, a content filter, a cut-off).
 */
export class StructuredOutputError extends ProxylessError {
  override readonly name = "StructuredOutputError";
  /** The text that failed. */
  readonly text: string;
  readonly issues: readonly ValidationIssue[];
  /** The response that carried it, without `object`, for inspection (refusal, finish reason). */
  readonly response?: unknown;

  constructor(
    message: string,
    details: { readonly text: string; readonly issues?: readonly ValidationIssue[]; readonly response?: unknown },
    options: ProxylessErrorOptions = {},
  ) {
    super(message, options, false);
    this.text = details.text;
    this.issues = details.issues ?? [];
    if (details.response !== undefined) this.response = details.response;
  }
}
