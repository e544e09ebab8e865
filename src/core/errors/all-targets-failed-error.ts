import { ProxylessError } from "./proxyless-error.js";

/**
 * Every target of a route failed or was skipped. `errors` holds why each target was skipped (its
 * context window), then every attempt's error in order.
 */
export class AllTargetsFailedError extends ProxylessError {
  override readonly name = "AllTargetsFailedError";
  readonly errors: readonly Error[];

  /** @param skipped how many of `errors` are targets skipped unsent (not attempts). */
  constructor(errors: readonly Error[], skipped = 0) {
    const last = errors.at(-1);
    const attempts = errors.length - skipped;
    const counted = `${attempts} attempt${attempts === 1 ? "" : "s"} failed${skipped > 0 ? `, ${skipped} target${skipped === 1 ? "" : "s"} skipped` : ""}`;
    super(
      `All targets failed (${counted}); last: ${last ? `${last.name}: ${last.message}` : "none"}`,
      {
        cause: last,
        retryable: last !== undefined && ProxylessError.isInstance(last) && last.retryable,
      },
      false,
    );
    this.errors = errors;
  }
}
