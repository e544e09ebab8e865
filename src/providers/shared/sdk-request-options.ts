import type { AdapterCall } from "../../core/types/provider-adapter.js";

/**
 * The per-request options of one attempt, as both Stainless SDKs (`openai`, `@anthropic-ai/sdk`)
 * take them: the attempt's signal, and `timeoutMs` as the SDK's own timeout (which covers the wait
 * for the response headers).
 */
export function sdkRequestOptions(call: AdapterCall): { signal?: AbortSignal; timeout?: number } {
  const { signal, request } = call;
  const options: { signal?: AbortSignal; timeout?: number } = {};
  // Only when there is one: the SDKs attach a listener to it on every request.
  if (signal) options.signal = signal;
  if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
  return options;
}
