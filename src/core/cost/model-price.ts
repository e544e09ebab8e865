import type { Cost } from "../types/chat-response.js";

/**
 * A price as `@pydantic/genai-prices` writes one: US dollars per million tokens by unit
 * (`input_mtok`, `cache_read_mtok`, `cache_write_mtok`, `output_mtok`), a flat number or tiered by
 * the request's input tokens, plus per-thousand-request fees (`requests_kcount`). Units for usage
 * that proxyless does not report (audio, web searches, images) are ignored.
 */
export type UnitPrice = number | { readonly base: number; readonly tiers: readonly { readonly start: number; readonly price: number }[] };
export type ModelPrice = Readonly<Record<string, UnitPrice | undefined>>;

/** A model's prices over time: one price, or a list whose entries apply from a date or in hours of the day. */
export type PriceSchedule =
  | ModelPrice
  | readonly {
      readonly constraint?:
        | { readonly type: "start_date"; readonly start_date: string }
        | { readonly type: "time_of_date"; readonly start_time: string; readonly end_time: string };
      readonly prices: ModelPrice;
    }[];

/** The token counts a price is applied to (`Usage` semantics: cached and cache-write tokens are part of `inputTokens`). */
export interface PricedUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
  readonly cacheWriteInputTokens?: number;
  readonly reasoningTokens?: number;
}

/** The parts of a cost in US dollars (see `Cost`). */
export type CostParts = Omit<Cost, "priceSource" | "priceDate" | "pricedModel">;

/**
 * The price in force at `at`, as genai-prices picks it: the last entry whose constraint holds (a
 * start date passed, an hour window of the day in UTC), else the first.
 */
export function priceAt(schedule: PriceSchedule, at: Date): ModelPrice {
  if (!Array.isArray(schedule)) return schedule as ModelPrice;
  const list = schedule as Exclude<PriceSchedule, ModelPrice>;
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i];
    if (!entry) continue;
    const c = entry.constraint;
    if (c === undefined) return entry.prices;
    if (c.type === "start_date" ? at >= new Date(c.start_date) : inWindow(at, c.start_time, c.end_time)) return entry.prices;
  }
  return list[0]?.prices ?? {};
}

function secondsOfDay(time: string): number {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(time);
  if (!m) return 0;
  const offset = m[4] === "Z" ? 0 : (m[5] === "+" ? 1 : -1) * (Number(m[6]) * 3600 + Number(m[7]) * 60);
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) - offset + 86_400) % 86_400;
}

function inWindow(at: Date, start: string, end: string): boolean {
  const now = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
  const from = secondsOfDay(start);
  const to = secondsOfDay(end);
  return to < from ? now >= from || now < to : now >= from && now < to;
}

/** Dollars for `tokens` at a unit's price; a tiered price is the tier the request's input tokens reach (the whole count at that rate). */
function dollars(price: UnitPrice | undefined, tokens: number, inputTokens: number): number {
  if (price === undefined || tokens <= 0) return 0;
  if (typeof price === "number") return (price * tokens) / 1e6;
  let rate = price.base;
  for (const tier of price.tiers) if (inputTokens > tier.start) rate = tier.price;
  return (rate * tokens) / 1e6;
}

/**
 * What `usage` costs at `price`, in parts. The same arithmetic as genai-prices' `calcPrice` for the
 * units proxyless reports (a test holds the two equal over the bundled data): cache reads and
 * writes at their own rates where the model has them, at the input rate where it has none; the
 * rest of the input at the input rate; reasoning inside output.
 */
export function costOf(price: ModelPrice, usage: PricedUsage): CostParts {
  const input = usage.inputTokens;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const inputRate = price.input_mtok;
  const readRate = price.cache_read_mtok ?? inputRate;
  const writeRate = price.cache_write_mtok ?? inputRate;
  const cachedInputUsd = dollars(readRate, cached, input);
  const cacheWriteUsd = dollars(writeRate, written, input);
  const inputUsd = dollars(inputRate, Math.max(0, input - cached - written), input) + cachedInputUsd + cacheWriteUsd;
  const outputUsd = dollars(price.output_mtok, usage.outputTokens, input);
  const requestFee = price.requests_kcount === undefined ? 0 : dollars(price.requests_kcount, 1, input) * 1e3;
  const parts: { -readonly [K in keyof CostParts]: CostParts[K] } = { usd: inputUsd + outputUsd + requestFee, inputUsd, cachedInputUsd, cacheWriteUsd, outputUsd };
  if (usage.reasoningTokens) parts.reasoningUsd = dollars(price.output_mtok, usage.reasoningTokens, input);
  return parts;
}
