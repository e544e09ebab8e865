import { describe, expect, it } from "vitest";
import { toAnthropicOutputSchema } from "./anthropic-output-schema.js";

describe("toAnthropicOutputSchema", () => {
  it("keeps what the subset takes and closes every object", () => {
    const schema = {
      type: "object",
      properties: {
        when: { type: "string", format: "date-time" },
        kind: { type: "string", enum: ["a", "b"] },
        fixed: { const: 3 },
        maybe: { anyOf: [{ type: "string" }, { type: "null" }] },
        list: { type: "array", items: { type: "object", properties: { x: { type: "number" } } }, minItems: 1 },
        ref: { $ref: "#/$defs/Point", description: "ignored next to $ref" },
      },
      required: ["when"],
      $defs: { Point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
    };
    expect(toAnthropicOutputSchema(schema)).toEqual({
      schema: {
        $defs: { Point: { type: "object", properties: { x: { type: "number" } }, additionalProperties: false, required: ["x"] } },
        type: "object",
        properties: {
          when: { type: "string", format: "date-time" },
          kind: { enum: ["a", "b"] },
          fixed: { const: 3 },
          maybe: { anyOf: [{ type: "string" }, { type: "null" }] },
          list: { type: "array", items: { type: "object", properties: { x: { type: "number" } }, additionalProperties: false }, minItems: 1 },
          ref: { $ref: "#/$defs/Point" },
        },
        additionalProperties: false,
        required: ["when"],
      },
      moved: [],
    });
  });

  it("writes unsupported keywords into the description, after the one there is", () => {
    const { schema, moved } = toAnthropicOutputSchema({
      type: "object",
      properties: {
        code: { type: "string", description: "Airport code", pattern: "^[A-Z]{3}$", format: "iata" },
        n: { type: "number", multipleOf: 5, exclusiveMinimum: 0 },
      },
    });
    expect(schema.properties).toEqual({
      code: { type: "string", description: 'Airport code\n\n{pattern: "^[A-Z]{3}$", format: "iata"}' },
      n: { type: "number", description: "{multipleOf: 5, exclusiveMinimum: 0}" },
    });
    expect(moved).toEqual(["#/properties/code: pattern, format", "#/properties/n: multipleOf, exclusiveMinimum"]);
  });

  it("turns oneOf into anyOf and leaves the caller's schema untouched", () => {
    const source = { oneOf: [{ type: "string", minLength: 2 }, { type: "integer" }] };
    const before = JSON.stringify(source);
    expect(toAnthropicOutputSchema(source).schema).toEqual({ anyOf: [{ type: "string", description: "{minLength: 2}" }, { type: "integer" }] });
    expect(JSON.stringify(source)).toBe(before);
  });

  it("keeps definitions under either name, so every $ref still resolves", () => {
    const { schema } = toAnthropicOutputSchema({
      type: "object",
      properties: { p: { $ref: "#/definitions/P" } },
      required: ["p"],
      definitions: { P: { type: "object", properties: { x: { type: "number", minimum: 0 } } } },
    });
    expect(schema.definitions).toEqual({ P: { type: "object", properties: { x: { type: "number", description: "{minimum: 0}" } }, additionalProperties: false } });
    expect(schema.description).toBeUndefined();
  });

  it("reads a list of types as each of them: a nullable object stays an object", () => {
    const { schema } = toAnthropicOutputSchema({
      type: "object",
      properties: {
        maybe: { type: ["object", "null"], properties: { a: { type: "string" } }, required: ["a"] },
        when: { type: ["string", "null"], format: "date", maxLength: 10 },
      },
    });
    expect(schema.properties).toEqual({
      maybe: { type: ["object", "null"], properties: { a: { type: "string" } }, additionalProperties: false, required: ["a"] },
      when: { type: ["string", "null"], format: "date", description: "{maxLength: 10}" },
    });
  });

  it("drops nothing silently: allOf next to a union, and tuple items, go into the description", () => {
    const { schema, moved } = toAnthropicOutputSchema({
      type: "object",
      properties: {
        either: { anyOf: [{ type: "string" }, { type: "number" }], allOf: [{ type: "string" }] },
        pair: { type: "array", items: [{ type: "string" }, { type: "number" }] },
      },
    });
    expect(schema.properties).toEqual({
      either: { anyOf: [{ type: "string" }, { type: "number" }], description: '{allOf: [{"type":"string"}]}' },
      pair: { type: "array", description: '{items: [{"type":"string"},{"type":"number"}]}' },
    });
    expect(moved).toEqual(["#/properties/either: allOf", "#/properties/pair: items"]);
  });

  it("returns the same result for the same schema object", () => {
    const source = { type: "object", properties: {} };
    expect(toAnthropicOutputSchema(source)).toBe(toAnthropicOutputSchema(source));
  });

  it("refuses a node with no type, which the API cannot read", () => {
    expect(() => toAnthropicOutputSchema({ type: "object", properties: { x: {} } })).toThrow('#/properties/x has no "type"');
  });
});
