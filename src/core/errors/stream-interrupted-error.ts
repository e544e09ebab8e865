import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** A stream broke after it started: the connection dropped, a chunk was malformed, or it ended without finishing. It is never turned into a clean short finish. */
export class StreamInterruptedError extends ProxylessError {
  override readonly name = "StreamInterruptedError";

  constructor(message: string, options: ProxylessErrorOptions = {}) {
    super(message, options, true);
  }
}
