import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PriceBook, sumCosts } from "./price-book.js";
import { PRICE_DATA } from "./price-data.js";

const refs = (provider: string) => (["openai", "anthropic", "google"].includes(provider) ? { providerId: provider } : provider === "groq" ? { apiUrl: "https://api.groq.com/openai/v1" } : undefined);

describe("PriceBook", () => {
  it("names the installed price data's version", () => {
    const installed = JSON.parse(readFileSync(new URL("../../../node_modules/@pydantic/genai-prices/package.json", import.meta.url), "utf8")) as { version: string };
    expect(PRICE_DATA.source).toBe(`@pydantic/genai-prices@${installed.version}`);
  });

  it("prices a model from the bundled data, with its source and date", () => {
    const cost = new PriceBook({}, refs).cost({ provider: "openai", model: "gpt-4o-mini" }, { inputTokens: 1000, outputTokens: 100 });
    expect(cost).toMatchObject({ priceSource: PRICE_DATA.source, priceDate: PRICE_DATA.date, pricedModel: "gpt-4o-mini" });
    expect(cost?.usd).toBeCloseTo((1000 * 0.15 + 100 * 0.6) / 1e6, 12);
  });

  it("finds an OpenAI-compatible endpoint's prices by its base URL", () => {
    expect(new PriceBook({}, refs).has({ provider: "groq", model: "llama-3.1-8b-instant" })).toBe(true);
  });

  it("gives nothing for a model it has no price for: never a $0", () => {
    const book = new PriceBook({}, refs);
    expect(book.cost({ provider: "openai", model: "my-own-model" }, { inputTokens: 1000, outputTokens: 100 })).toBeUndefined();
    expect(book.cost({ provider: "custom", model: "gpt-4o-mini" }, { inputTokens: 1000, outputTokens: 100 })).toBeUndefined();
  });

  it("tries the model the provider answered with when the requested one is unknown", () => {
    const cost = new PriceBook({}, refs).cost({ provider: "openai", model: "my-alias" }, { inputTokens: 10, outputTokens: 0 }, "gpt-4o-mini-2024-07-18");
    expect(cost?.pricedModel).toBe("gpt-4o-mini");
  });

  it("lets the config's prices win, exactly or by prefix", () => {
    const book = new PriceBook({ "openai/gpt-4o-mini": { inputPerMTokens: 1, outputPerMTokens: 2, date: "2026-12-01" }, "custom/my-*": { inputPerMTokens: 10, outputPerMTokens: 20, cachedInputPerMTokens: 1 } }, refs);
    const own = book.cost({ provider: "openai", model: "gpt-4o-mini" }, { inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(own).toMatchObject({ usd: 3, priceSource: "config", priceDate: "2026-12-01" });
    const prefixed = book.cost({ provider: "custom", model: "my-model" }, { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 500_000 });
    expect(prefixed).toMatchObject({ usd: 5.5, cachedInputUsd: 0.5, priceDate: "config" });
  });
});

describe("sumCosts", () => {
  it("adds every part of several attempts' costs", () => {
    const a = { usd: 1, inputUsd: 0.4, cachedInputUsd: 0.1, cacheWriteUsd: 0, outputUsd: 0.6, priceSource: "config", priceDate: "config", pricedModel: "a" };
    const b = { usd: 2, inputUsd: 1, cachedInputUsd: 0, cacheWriteUsd: 0.5, outputUsd: 1, reasoningUsd: 0.2, priceSource: "x", priceDate: "y", pricedModel: "b" };
    expect(sumCosts([a, b])).toEqual({ usd: 3, inputUsd: 1.4, cachedInputUsd: 0.1, cacheWriteUsd: 0.5, outputUsd: 1.6, reasoningUsd: 0.2, priceSource: "x", priceDate: "y", pricedModel: "b" });
    expect(sumCosts([a])).toBe(a);
    expect(sumCosts([])).toBeUndefined();
  });
});
