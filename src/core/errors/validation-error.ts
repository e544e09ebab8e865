import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** One problem found in the input. */
export interface ValidationIssue {
  /** Path of the offending field, as `messages[1].content[0].mediaType`. */
  readonly path: string;
  readonly message: string;
}

/** Issues as a message lists them: `path: message; path: message`. */
export function formatIssueList(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}

/**
 * The request is malformed. Thrown before any network call; the message names every offending
 * path.
 */
export class ValidationError extends ProxylessError {
  override readonly name = "ValidationError";
  readonly issues: readonly ValidationIssue[];
  /** The middleware that handed on the invalid request; absent when it was the caller's. */
  readonly middleware?: string;

  constructor(
    issues: readonly ValidationIssue[],
    options: ProxylessErrorOptions & { readonly subject?: string; readonly middleware?: string } = {},
  ) {
    super(`Invalid ${options.subject ?? "request"}: ${formatIssueList(issues)}`, options, false);
    this.issues = issues;
    if (options.middleware !== undefined) this.middleware = options.middleware;
  }
}
