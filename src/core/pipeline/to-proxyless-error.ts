import { ProviderError } from "../errors/provider-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";

/**
 * What an adapter threw, as a proxyless error: anything untyped becomes a `ProviderError`
 * carrying the original as `cause`. Errors a middleware throws never pass through here: they
 * reach the caller unchanged.
 */
export function toProxylessError(error: unknown, provider?: string): ProxylessError {
  if (ProxylessError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`Unexpected error${provider ? ` from ${provider}` : ""}: ${message}`, {
    cause: error,
    ...(provider ? { provider } : {}),
  });
}
