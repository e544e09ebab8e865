import { calcPrice, findProvider, type ModelInfo, type Provider } from "@pydantic/genai-prices";
import type { PriceSchedule } from "./model-price.js";

/**
 * The bundled price data proxyless ships with: `@pydantic/genai-prices` at this version, released
 * on this date (a test checks the version against the installed package).
 */
export const PRICE_DATA = { source: "@pydantic/genai-prices@0.1.8", date: "2026-09-23" } as const;

/** Where a provider's prices are found in the data: by its id there, or by its API's base URL. */
export interface PriceProviderRef {
  readonly providerId?: string;
  readonly apiUrl?: string;
}

/** A model the data prices: its schedule, and its id as the data names it. */
export interface DataPrice {
  readonly schedule: PriceSchedule;
  readonly model: string;
}

const NO_USAGE = { input_tokens: 0, output_tokens: 0 };

/**
 * Finds a model's prices in the bundled data with the data's own matching (provider by id or API
 * URL, model by its match rules, dated snapshots, fallback providers), once per model: afterwards
 * the schedule is read directly, since `calcPrice` itself costs about 20 µs a call.
 */
export function findDataPrice(ref: PriceProviderRef, model: string): DataPrice | undefined {
  let provider: Provider | undefined;
  if (ref.providerId !== undefined) provider = findProvider({ providerId: ref.providerId });
  else if (ref.apiUrl !== undefined) provider = findProvider({ providerApiUrl: ref.apiUrl });
  if (!provider) return undefined;
  let found: ModelInfo | undefined;
  try {
    found = calcPrice(NO_USAGE, model, { providerId: provider.id })?.model;
  } catch {
    // A model whose data entry genai-prices itself cannot apply is as good as unpriced.
    return undefined;
  }
  return found ? { schedule: found.prices as PriceSchedule, model: found.id } : undefined;
}
