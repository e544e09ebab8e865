import { ModelTable, type ModelRef } from "../config/model-table.js";
import type { Cost } from "../types/chat-response.js";
import { costOf, priceAt, type ModelPrice, type PriceSchedule, type PricedUsage } from "./model-price.js";
import { findDataPrice, PRICE_DATA, type PriceProviderRef } from "./price-data.js";
import { overridePrice, type PriceOverride } from "./price-overrides.js";

/** A model's prices, wherever they came from. */
interface PriceEntry {
  readonly schedule: PriceSchedule;
  readonly source: string;
  readonly date: string;
  readonly model: string;
}

/** Distinct models remembered (found or not): a bound, since response model ids come from outside. */
const MEMO_LIMIT = 4096;

/**
 * The prices of a client's models: its `prices` entries first (exact `provider/model`, a bare
 * model id, or a prefix ending in `*`), then the bundled `@pydantic/genai-prices` data, looked up
 * by the provider's id there (`openai`, `anthropic`, `google`) or, for an OpenAI-compatible
 * endpoint, by its base URL.
 */
export class PriceBook {
  readonly #overrides: ModelTable<PriceEntry>;
  readonly #refOf: (provider: string) => PriceProviderRef | undefined;
  readonly #now: () => Date;
  readonly #memo = new Map<string, PriceEntry | null>();

  /**
   * @param refOf where a configured provider's prices are in the data (`undefined`: nowhere, such as a custom adapter)
   * @param now the moment whose prices apply (dated and hourly prices); a clock for tests
   */
  constructor(overrides: Readonly<Record<string, PriceOverride>>, refOf: (provider: string) => PriceProviderRef | undefined, now: () => Date = () => new Date()) {
    const entries: Record<string, PriceEntry> = {};
    for (const [key, override] of Object.entries(overrides)) {
      entries[key] = { schedule: overridePrice(override), source: "config", date: override.date ?? "config", model: key };
    }
    this.#overrides = new ModelTable(entries);
    this.#refOf = refOf;
    this.#now = now;
  }

  /** Whether a model has a price. */
  has(ref: ModelRef): boolean {
    return this.#entry(ref) !== undefined;
  }

  /**
   * What `usage` cost on a model, or `undefined` when it has no price. `responseModel` (the
   * provider's name for what answered, often a dated snapshot) is tried when the requested
   * model id is unknown.
   */
  cost(ref: ModelRef, usage: PricedUsage, responseModel?: string): Cost | undefined {
    let entry = this.#entry(ref);
    if (!entry && responseModel && responseModel !== ref.model) entry = this.#entry({ provider: ref.provider, model: responseModel });
    if (!entry) return undefined;
    const { schedule } = entry;
    // A Date only for a schedule that has dated or hourly entries: most have one price.
    const price = Array.isArray(schedule) ? priceAt(schedule, this.#now()) : (schedule as ModelPrice);
    const parts = costOf(price, usage);
    // Field by field, not `{ ...parts, priceSource }`: a spread that adds keys costs about a
    // microsecond per key added in V8, on a path every call takes.
    const cost: { -readonly [K in keyof Cost]: Cost[K] } = {
      usd: parts.usd,
      inputUsd: parts.inputUsd,
      cachedInputUsd: parts.cachedInputUsd,
      cacheWriteUsd: parts.cacheWriteUsd,
      outputUsd: parts.outputUsd,
      priceSource: entry.source,
      priceDate: entry.date,
      pricedModel: entry.model,
    };
    if (parts.reasoningUsd !== undefined) cost.reasoningUsd = parts.reasoningUsd;
    return cost;
  }

  /**
   * A model's input and output prices per million tokens as they stand now (below any
   * long-context tier): what `lowest-cost` ranks by. `undefined` when it has no price.
   */
  rates(ref: ModelRef): { readonly inputPerMTokens: number; readonly outputPerMTokens: number } | undefined {
    const cost = this.cost(ref, RATE_PROBE);
    return cost ? { inputPerMTokens: cost.inputUsd * 1000, outputPerMTokens: cost.outputUsd * 1000 } : undefined;
  }

  #entry(ref: ModelRef): PriceEntry | undefined {
    const own = this.#overrides.get(ref);
    if (own) return own;
    const id = `${ref.provider}/${ref.model}`;
    const memo = this.#memo.get(id);
    if (memo !== undefined) return memo ?? undefined;
    const where = this.#refOf(ref.provider);
    const data = where ? findDataPrice(where, ref.model) : undefined;
    const entry = data ? { schedule: data.schedule, source: PRICE_DATA.source, date: PRICE_DATA.date, model: data.model } : undefined;
    if (this.#memo.size < MEMO_LIMIT) this.#memo.set(id, entry ?? null);
    return entry;
  }
}

/** A thousand tokens each way: small enough to stay below every long-context tier. */
const RATE_PROBE = { inputTokens: 1000, outputTokens: 1000 };

/** Adds the costs of several attempts of one call; the source, date and model are the last one's. */
export function sumCosts(costs: readonly Cost[]): Cost | undefined {
  if (costs.length <= 1) return costs[0];
  const last = costs[costs.length - 1] as Cost;
  let usd = 0;
  let inputUsd = 0;
  let cachedInputUsd = 0;
  let cacheWriteUsd = 0;
  let outputUsd = 0;
  let reasoningUsd: number | undefined;
  for (const c of costs) {
    usd += c.usd;
    inputUsd += c.inputUsd;
    cachedInputUsd += c.cachedInputUsd;
    cacheWriteUsd += c.cacheWriteUsd;
    outputUsd += c.outputUsd;
    if (c.reasoningUsd !== undefined) reasoningUsd = (reasoningUsd ?? 0) + c.reasoningUsd;
  }
  return { usd, inputUsd, cachedInputUsd, cacheWriteUsd, outputUsd, ...(reasoningUsd !== undefined ? { reasoningUsd } : {}), priceSource: last.priceSource, priceDate: last.priceDate, pricedModel: last.pricedModel };
}
