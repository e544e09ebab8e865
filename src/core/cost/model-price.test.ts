import { calcPrice, findProvider } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import { costOf, priceAt, type ModelPrice, type PriceSchedule } from "./model-price.js";

const AT = new Date("2026-11-15T12:00:00Z");

/** Usages that reach each part of a price: cache reads and writes, reasoning, and the long-context tiers. */
const USAGES = [
  { inputTokens: 1000, outputTokens: 100 },
  { inputTokens: 5000, outputTokens: 700, cachedInputTokens: 3000, reasoningTokens: 300 },
  { inputTokens: 4740, outputTokens: 255, cacheWriteInputTokens: 4735 },
  { inputTokens: 250_000, outputTokens: 2000, cachedInputTokens: 100_000, cacheWriteInputTokens: 20_000 },
];

function dataUsage(u: (typeof USAGES)[number]): Record<string, number> {
  return { input_tokens: u.inputTokens, output_tokens: u.outputTokens, cache_read_tokens: u.cachedInputTokens ?? 0, cache_write_tokens: u.cacheWriteInputTokens ?? 0 };
}

describe("costOf", () => {
  // Our arithmetic must be genai-prices' own: compared over every model the data has for the three providers.
  for (const providerId of ["openai", "anthropic", "google"]) {
    it(`equals calcPrice for every ${providerId} model in the bundled data`, () => {
      const provider = findProvider({ providerId });
      expect(provider?.models.length).toBeGreaterThan(10);
      let compared = 0;
      for (const model of provider?.models ?? []) {
        for (const usage of USAGES) {
          let expected: ReturnType<typeof calcPrice>;
          try {
            expected = calcPrice(dataUsage(usage), model.id, { provider: { ...provider!, models: [model] }, timestamp: AT });
          } catch {
            continue; // genai-prices refuses this usage for this model (a cache unit it lacks): nothing to compare.
          }
          if (!expected) continue;
          const price = priceAt(model.prices, AT);
          const ours = costOf(price, usage);
          expect(ours.inputUsd, `${model.id} input`).toBeCloseTo(expected.input_price, 12);
          expect(ours.outputUsd, `${model.id} output`).toBeCloseTo(expected.output_price, 12);
          expect(ours.usd, `${model.id} total`).toBeCloseTo(expected.total_price, 12);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(30);
    });
  }

  it("splits the input into its cached, cache-write and plain parts, and reasoning out of output", () => {
    const price: ModelPrice = { input_mtok: 3, cache_read_mtok: 0.3, cache_write_mtok: 3.75, output_mtok: 15 };
    const cost = costOf(price, { inputTokens: 1532, outputTokens: 33, cachedInputTokens: 1111, cacheWriteInputTokens: 418, reasoningTokens: 10 });
    expect(cost.cachedInputUsd).toBeCloseTo((1111 * 0.3) / 1e6, 15);
    expect(cost.cacheWriteUsd).toBeCloseTo((418 * 3.75) / 1e6, 15);
    expect(cost.inputUsd).toBeCloseTo((3 * 3 + 1111 * 0.3 + 418 * 3.75) / 1e6, 15);
    expect(cost.outputUsd).toBeCloseTo((33 * 15) / 1e6, 15);
    expect(cost.reasoningUsd).toBeCloseTo((10 * 15) / 1e6, 15);
    expect(cost.usd).toBeCloseTo(cost.inputUsd + cost.outputUsd, 15);
  });

  it("charges cache tokens at the input rate for a model without cache prices", () => {
    const cost = costOf({ input_mtok: 2, output_mtok: 8 }, { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 400, cacheWriteInputTokens: 100 });
    expect(cost.inputUsd).toBeCloseTo((1000 * 2) / 1e6, 15);
    expect(cost.cachedInputUsd).toBeCloseTo((400 * 2) / 1e6, 15);
  });

  it("prices a whole request at the tier its input tokens reach", () => {
    const tiered: ModelPrice = { input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] }, output_mtok: { base: 15, tiers: [{ start: 200_000, price: 22.5 }] } };
    expect(costOf(tiered, { inputTokens: 200_000, outputTokens: 1000 }).usd).toBeCloseTo((200_000 * 3 + 1000 * 15) / 1e6, 12);
    expect(costOf(tiered, { inputTokens: 200_001, outputTokens: 1000 }).usd).toBeCloseTo((200_001 * 6 + 1000 * 22.5) / 1e6, 12);
  });

  it("adds a per-request fee", () => {
    expect(costOf({ input_mtok: 1, output_mtok: 1, requests_kcount: 5 }, { inputTokens: 0, outputTokens: 0 }).usd).toBeCloseTo(0.005, 15);
  });
});

describe("priceAt", () => {
  const schedule: PriceSchedule = [
    { prices: { input_mtok: 1 } },
    { constraint: { type: "start_date", start_date: "2026-06-01" }, prices: { input_mtok: 2 } },
    { constraint: { type: "time_of_date", start_time: "22:00:00Z", end_time: "06:00:00Z" }, prices: { input_mtok: 0.5 } },
  ];

  it("takes the last entry whose constraint holds, else the first", () => {
    expect(priceAt(schedule, new Date("2026-01-01T12:00:00Z")).input_mtok).toBe(1);
    expect(priceAt(schedule, new Date("2026-07-01T12:00:00Z")).input_mtok).toBe(2);
    expect(priceAt(schedule, new Date("2026-07-01T23:30:00Z")).input_mtok).toBe(0.5);
    expect(priceAt(schedule, new Date("2026-07-01T05:59:00Z")).input_mtok).toBe(0.5);
  });

  it("gives a single price as it is", () => {
    const one: ModelPrice = { input_mtok: 7 };
    expect(priceAt(one, AT)).toBe(one);
  });
});
