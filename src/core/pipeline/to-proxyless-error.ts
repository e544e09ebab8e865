import { AbortError } from "../errors/abort-error.js";
import { ProviderError } from "../errors/provider-error.js";
import { ProxylessError } from "../errors/proxyless-error.js";

/**
 * Whatever an adapter or middleware threw, as a proxyless error: an abort of the call's signal is
 * an `AbortError`, anything untyped a `ProviderError` carrying the original as `cause`.
 */
export function toProxylessError(error: unknown, signal: AbortSignal | undefined, provider?: string): ProxylessError {
  if (ProxylessError.isInstance(error)) return error;
  const opts = { cause: error, ...(provider ? { provider } : {}) };
  if (signal?.aborted) return new AbortError("The call was aborted", opts);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`Unexpected error${provider ? ` from ${provider}` : ""}: ${message}`, opts);
}
