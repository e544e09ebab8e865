import { describe, expect, it } from "vitest";
import { argumentsObjectOf } from "./text-content.js";

describe("argumentsObjectOf", () => {
  it("sends back what the model sent, not a zod schema's output (defaults, transforms)", () => {
    expect(argumentsObjectOf({ arguments: { city: "Lisbon", days: 1 }, argumentsText: '{"city":"Lisbon"}' })).toEqual({ city: "Lisbon" });
  });

  it("falls back to the value when there is no text, or it is no JSON object", () => {
    expect(argumentsObjectOf({ arguments: { city: "Rome" } })).toEqual({ city: "Rome" });
    expect(argumentsObjectOf({ arguments: { city: "Rome" }, argumentsText: "not json" })).toEqual({ city: "Rome" });
    expect(argumentsObjectOf({ argumentsText: "[1]" })).toEqual({});
  });
});
