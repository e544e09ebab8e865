import { describe, expect, it } from "vitest";
import { applyPartialArgs, parseJsonPath } from "./google-partial-args.js";

describe("parseJsonPath", () => {
  it("reads names, indexes and quoted names", () => {
    expect(parseJsonPath("$.trip.stops[0]['full name'][\"x\"]")).toEqual(["trip", "stops", 0, "full name", "x"]);
  });

  it("reads escaped quotes", () => {
    expect(parseJsonPath("$['it\\'s']")).toEqual(["it's"]);
  });

  it("rejects what is not a plain path", () => {
    expect(parseJsonPath("location")).toBeUndefined();
    expect(parseJsonPath("$.items[*]")).toBeUndefined();
    expect(parseJsonPath("$..name")).toBeUndefined();
  });
});

describe("applyPartialArgs", () => {
  it("continues a string across fragments of the same path", () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [{ jsonPath: "$.location", stringValue: "Bos", willContinue: true }]);
    applyPartialArgs(args, [{ jsonPath: "$.location", stringValue: "ton", willContinue: true }]);
    applyPartialArgs(args, [{ jsonPath: "$.location", stringValue: "" }]);
    expect(args).toEqual({ location: "Boston" });
  });

  it("builds nested objects and arrays with every value type", () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [
      { jsonPath: "$.trip.days", numberValue: 3 },
      { jsonPath: "$.trip.stops[0].name", stringValue: "Rome" },
      { jsonPath: "$.trip.stops[1].name", stringValue: "Pisa" },
      { jsonPath: "$.trip.flexible", boolValue: false },
      { jsonPath: "$.trip.budget", nullValue: "NULL_VALUE" },
    ]);
    expect(args).toEqual({ trip: { days: 3, stops: [{ name: "Rome" }, { name: "Pisa" }], flexible: false, budget: null } });
  });

  it("skips fragments without a value or with a path it cannot follow", () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [{ jsonPath: "$.a", willContinue: true }, { jsonPath: "$[*]", stringValue: "x" }, { stringValue: "y" }]);
    expect(args).toEqual({});
  });

  it("keeps argument names like __proto__ and constructor as ordinary properties", () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [
      { jsonPath: "$.__proto__", stringValue: "p" },
      { jsonPath: "$.constructor", stringValue: "c" },
    ]);
    expect(JSON.parse(JSON.stringify(args))).toEqual(JSON.parse('{"__proto__":"p","constructor":"c"}'));
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
  });
});
