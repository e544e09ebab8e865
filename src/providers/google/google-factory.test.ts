import { describe, expect, it } from "vitest";
import { GoogleAdapter } from "./google-adapter.js";
import { googleFactory } from "./google-factory.js";

describe("googleFactory", () => {
  it("is the built-in google provider, keyed like @google/genai (GOOGLE_API_KEY first)", () => {
    expect({ ...googleFactory, create: undefined }).toEqual({
      type: "google",
      defaultName: "google",
      envKeys: ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
      requiresApiKey: true,
      priceProvider: "google",
      create: undefined,
    });
  });

  it("creates a Google adapter under the configured name", () => {
    const adapter = googleFactory.create({ name: "gemini", type: "google" });
    expect(adapter).toBeInstanceOf(GoogleAdapter);
    expect({ provider: adapter.provider, type: adapter.type, specificationVersion: adapter.specificationVersion }).toEqual({
      provider: "gemini",
      type: "google",
      specificationVersion: "v1",
    });
  });
});
