import { ProxylessError } from "./proxyless-error.js";

/** Every target of a route failed; `errors` holds one error per attempt, in order. */
export class AllTargetsFailedError extends ProxylessError {
  override readonly name = "AllTargetsFailedError";
  readonly errors: readonly Error[];

  constructor(errors: readonly Error[]) {
    const last = errors.at(-1);
    super(
      `All ${errors.length} attempts failed; last: ${last ? `${last.name}: ${last.message}` : "none"}`,
      {
        cause: last,
        retryable: last !== undefined && ProxylessError.isInstance(last) && last.retryable,
      },
      false,
    );
    this.errors = errors;
  }
}
