import { describe, expect, it } from "vitest";
import { builtinProviders } from "../index.js";
import { AnthropicAdapter } from "./anthropic-adapter.js";
import { anthropicFactory } from "./anthropic-factory.js";

describe("anthropicFactory", () => {
  it("declares the anthropic type, its default name and key variable", () => {
    expect({ ...anthropicFactory, create: undefined }).toEqual({
      type: "anthropic",
      defaultName: "anthropic",
      envKeys: ["ANTHROPIC_API_KEY"],
      requiresApiKey: true,
      priceProvider: "anthropic",
      create: undefined,
    });
  });

  it("creates an adapter named after the configured provider", () => {
    const adapter = anthropicFactory.create({ name: "claude", type: "anthropic" });
    expect(adapter).toBeInstanceOf(AnthropicAdapter);
    expect({ provider: adapter.provider, type: adapter.type, specificationVersion: adapter.specificationVersion }).toEqual({
      provider: "claude",
      type: "anthropic",
      specificationVersion: "v1",
    });
  });

  it("is a built-in provider", () => {
    expect(builtinProviders).toContain(anthropicFactory);
  });
});
