import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/**
 * A target answered, but its answer was cut by the provider's content filter or was a refusal
 * (`code` is the finish reason), and the route's `fallbackOn` asked to move on from such answers.
 * It appears among an `AllTargetsFailedError`'s errors; the caller is never thrown one alone: when
 * no other target answers, the filtered answer itself is returned.
 */
export class ContentFilterError extends ProxylessError {
  override readonly name = "ContentFilterError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, false);
  }
}
