import type { ModelPrice } from "./model-price.js";

/**
 * A price given in the client's `prices`, in US dollars per million tokens. A model without cache
 * prices has its cached and cache-write tokens charged at `inputPerMTokens`.
 *
 * @example
 * ```ts
 * createClient({ prices: { "groq/llama-3.1-8b-instant": { inputPerMTokens: 0.05, outputPerMTokens: 0.08 } } });
 * ```
 */
export interface PriceOverride {
  readonly inputPerMTokens: number;
  readonly outputPerMTokens: number;
  /** Input tokens read from the provider's prompt cache. @default inputPerMTokens */
  readonly cachedInputPerMTokens?: number;
  /** Input tokens written to the provider's prompt cache. @default inputPerMTokens */
  readonly cacheWritePerMTokens?: number;
  /** When this price was taken (`YYYY-MM-DD`), shown as the cost's `priceDate`. @default "config" */
  readonly date?: string;
}

/** An override as the data's units, so one piece of arithmetic serves both. */
export function overridePrice(override: PriceOverride): ModelPrice {
  const price: Record<string, number> = { input_mtok: override.inputPerMTokens, output_mtok: override.outputPerMTokens };
  if (override.cachedInputPerMTokens !== undefined) price.cache_read_mtok = override.cachedInputPerMTokens;
  if (override.cacheWritePerMTokens !== undefined) price.cache_write_mtok = override.cacheWritePerMTokens;
  return price;
}
