import type { RateLimitSource } from "../../core/types/provider-adapter.js";
import type { RateLimitInfo } from "../../core/types/rate-limit-info.js";
import { headerReader, type HeaderReader } from "./retry-after.js";

/** Parses a provider's rate-limit headers; `now` is when the response arrived. */
export type RateLimitParser = (header: HeaderReader, now: number) => RateLimitInfo | undefined;

/**
 * The response-level fields of a result or `response-metadata` part: the provider's request id
 * when known, and the rate limits, parsed from the headers only when first read.
 */
export function responseMeta(
  requestId: string | null | undefined,
  headers: Headers,
  parse: RateLimitParser,
): { requestId?: string; rateLimit: RateLimitSource } {
  const now = Date.now();
  const rateLimit = (): RateLimitInfo | undefined => parse(headerReader(headers), now);
  return requestId ? { requestId, rateLimit } : { rateLimit };
}
