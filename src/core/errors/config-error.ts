import { ProxylessError, type ProxylessErrorOptions } from "./proxyless-error.js";

/** The client configuration is wrong: the message names the offending path (`providers.groq.baseURL`). */
export class ConfigError extends ProxylessError {
  override readonly name = "ConfigError";
  /** Dotted path of the offending setting, when there is one. */
  readonly path?: string;

  constructor(message: string, options: ProxylessErrorOptions & { readonly path?: string } = {}) {
    super(message, options, false);
    if (options.path !== undefined) this.path = options.path;
  }
}
