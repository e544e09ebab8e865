import { describe, expect, it } from "vitest";
import { firstFieldProblem, unknownKey, valuesAt } from "./field-rules.js";

describe("valuesAt", () => {
  it("reaches every item of arrays along the path, and skips absent and null fields", () => {
    const body = { tools: [{ function: { name: "a" } }, { function: { name: "b" } }, { function: null }], n: null };
    expect(valuesAt(body, "tools[].function.name")).toEqual([
      { path: "tools[0].function.name", value: "a" },
      { path: "tools[1].function.name", value: "b" },
    ]);
    expect(valuesAt(body, "n")).toEqual([]);
    expect(valuesAt(body, "missing.deeper")).toEqual([]);
  });
});

describe("firstFieldProblem", () => {
  it.each([
    [{ t: "hot" }, { path: "t", type: "number" }, { kind: "type", expected: ["number"] }],
    [{ t: 1.5 }, { path: "t", type: "integer" }, { kind: "type", expected: ["integer"] }],
    [{ t: 3 }, { path: "t", type: "number", max: 2 }, { kind: "above", limit: 2 }],
    [{ t: -1 }, { path: "t", type: "number", min: 0 }, { kind: "below", limit: 0 }],
    [{ e: "x" }, { path: "e", enum: ["a", "b"] }, { kind: "enum", allowed: ["a", "b"] }],
    [{ s: "1abc" }, { path: "s", pattern: /^[a-z]/ }, { kind: "pattern" }],
    [{ s: "abcdef" }, { path: "s", maxLength: 5 }, { kind: "too-long", limit: 5 }],
    [{ a: [1, 2, 3] }, { path: "a", maxItems: 2 }, { kind: "too-many", limit: 2 }],
    [{ a: [] }, { path: "a", minItems: 1 }, { kind: "too-few", limit: 1 }],
  ] as const)("%j breaks %j", (body, rule, problem) => {
    expect(firstFieldProblem(body, [rule])).toMatchObject(problem);
  });

  it("accepts a value of any of the rule's types, and what meets every rule", () => {
    const rules = [{ path: "stop", type: ["string", "array"], maxItems: 4 }] as const;
    expect(firstFieldProblem({ stop: "x" }, rules)).toBeUndefined();
    expect(firstFieldProblem({ stop: ["a", "b"] }, rules)).toBeUndefined();
    expect(firstFieldProblem({ stop: 3 }, rules)).toMatchObject({ kind: "type", path: "stop" });
  });

  it("unknownKey names the first key not in the set", () => {
    expect(unknownKey({ a: 1, b: 2 }, new Set(["a"]))).toBe("b");
    expect(unknownKey({ a: 1 }, new Set(["a"]))).toBeUndefined();
  });
});
