import { describe, expect, it } from "vitest";
import { exampleFromSchema } from "./schema-example.js";

describe("exampleFromSchema", () => {
  it("fills required properties only, with the documented defaults", () => {
    const schema = {
      type: "object",
      properties: {
        city: { type: "string" },
        count: { type: "integer" },
        ratio: { type: "number" },
        ok: { type: "boolean" },
        optional: { type: "string" },
      },
      required: ["city", "count", "ratio", "ok"],
    };
    expect(exampleFromSchema(schema)).toEqual({ city: "example", count: 1, ratio: 1, ok: true });
  });

  it("takes the first enum value and const", () => {
    expect(exampleFromSchema({ type: "string", enum: ["celsius", "fahrenheit"] })).toBe("celsius");
    expect(exampleFromSchema({ const: 42 })).toBe(42);
  });

  it("respects numeric bounds", () => {
    expect(exampleFromSchema({ type: "integer", minimum: 5 })).toBe(5);
    expect(exampleFromSchema({ type: "integer", exclusiveMinimum: 5 })).toBe(6);
    expect(exampleFromSchema({ type: "number", maximum: 0.25 })).toBe(0.25);
  });

  it("builds arrays of one item (or minItems) and nested objects", () => {
    const schema = {
      type: "object",
      properties: { tags: { type: "array", items: { type: "string" }, minItems: 2 }, owner: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] } },
      required: ["tags", "owner"],
    };
    expect(exampleFromSchema(schema)).toEqual({ tags: ["example", "example"], owner: { id: 1 } });
    expect(exampleFromSchema({ type: "array", items: { type: "boolean" } })).toEqual([true]);
  });

  it("resolves local $refs, unions and nullable types", () => {
    const schema = {
      type: "object",
      properties: { a: { $ref: "#/$defs/point" }, b: { anyOf: [{ type: "null" }, { type: "integer" }] }, c: { type: ["null", "string"] } },
      required: ["a", "b", "c"],
      $defs: { point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
    };
    expect(exampleFromSchema(schema)).toEqual({ a: { x: 1 }, b: 1, c: "example" });
  });

  it("uses string formats and length bounds", () => {
    expect(exampleFromSchema({ type: "string", format: "email" })).toBe("user@example.com");
    expect(exampleFromSchema({ type: "string", minLength: 10 })).toBe("examplexxx");
    expect(exampleFromSchema({ type: "string", maxLength: 3 })).toBe("exa");
  });

  it("understands Gemini's upper-case OpenAPI types", () => {
    expect(exampleFromSchema({ type: "OBJECT", properties: { n: { type: "INTEGER" } }, required: ["n"] })).toEqual({ n: 1 });
  });

  it("stops at recursive references", () => {
    const schema = { $ref: "#/$defs/node", $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } }, required: ["next"] } } };
    expect(() => JSON.stringify(exampleFromSchema(schema))).not.toThrow();
  });
});
