import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** One problem found in the input. */
export interface ValidationIssue {
  /** Path of the offending field, as `messages[1].content[0].mediaType`. */
  readonly path: string;
  readonly message: string;
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
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    super(`Invalid ${options.subject ?? "request"}: ${list}`, options, false);
    this.issues = issues;
    if (options.middleware !== undefined) this.middleware = options.middleware;
  }
}
