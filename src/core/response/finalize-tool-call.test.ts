import { describe, expect, it } from "vitest";
import { finalizeToolCall } from "./finalize-tool-call.js";

describe("finalizeToolCall", () => {
  it("parses arguments and keeps the text and id", () => {
    expect(finalizeToolCall({ id: "call_1", name: "f", argumentsText: '{"a":1}' })).toEqual({
      id: "call_1",
      name: "f",
      arguments: { a: 1 },
      argumentsText: '{"a":1}',
    });
  });

  it("treats empty arguments as an empty object", () => {
    expect(finalizeToolCall({ id: "x", name: "f", argumentsText: "" }).arguments).toEqual({});
  });

  it("flags cut-off JSON as truncated without inventing a value", () => {
    const call = finalizeToolCall({ id: "x", name: "f", argumentsText: '{"lines": ["a", "b' });
    expect(call).toEqual({ id: "x", name: "f", arguments: undefined, argumentsText: '{"lines": ["a", "b', truncated: true });
  });

  it("synthesises distinct ids when the provider sends none", () => {
    const a = finalizeToolCall({ name: "f", argumentsText: "{}" });
    const b = finalizeToolCall({ name: "f", argumentsText: "{}" });
    expect(a.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(a.id).not.toBe(b.id);
  });

  it("keeps provider metadata", () => {
    const providerMetadata = { google: { thoughtSignature: "sig" } };
    expect(finalizeToolCall({ id: "x", name: "f", argumentsText: "{}", providerMetadata }).providerMetadata).toBe(providerMetadata);
  });
});
