import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../types/chat-request.js";
import { RequestFeatures, matchCondition } from "./match-condition.js";
import type { RouteCondition } from "./route-spec.js";

const base: ChatRequest = { model: "m", messages: [{ role: "user", content: "hello there" }], metadata: { tier: "pro" } };
const holds = (condition: RouteCondition, request: ChatRequest = base): boolean => matchCondition(condition, new RequestFeatures(request));

describe("matchCondition", () => {
  it("metadata: equal, in, notIn, exists", () => {
    expect(holds({ metadata: { tier: "pro" } })).toBe(true);
    expect(holds({ metadata: { tier: "free" } })).toBe(false);
    expect(holds({ metadata: { tier: { in: ["pro", "team"] } } })).toBe(true);
    expect(holds({ metadata: { tier: { notIn: ["pro"] } } })).toBe(false);
    expect(holds({ metadata: { user: { notIn: ["x"] } } })).toBe(true);
    expect(holds({ metadata: { user: { exists: false } } })).toBe(true);
    expect(holds({ metadata: { tier: { exists: true } } })).toBe(true);
  });

  it("request features", () => {
    const withImage: ChatRequest = { ...base, messages: [{ role: "user", content: [{ type: "image", url: "https://e.com/a.png" }] }] };
    expect(holds({ hasImages: true }, withImage)).toBe(true);
    expect(holds({ hasImages: true })).toBe(false);
    expect(holds({ hasFiles: false }, withImage)).toBe(true);
    expect(holds({ hasTools: false })).toBe(true);
    expect(holds({ structuredOutput: true }, { ...base, responseFormat: { type: "json" } })).toBe(true);
    expect(holds({ inputTokens: { lt: 100 } })).toBe(true);
    expect(holds({ inputTokens: { gte: 100 } })).toBe(false);
  });

  it("fields AND, any ORs, not negates", () => {
    expect(holds({ metadata: { tier: "pro" }, hasImages: true })).toBe(false);
    expect(holds({ any: [{ hasImages: true }, { metadata: { tier: "pro" } }] })).toBe(true);
    expect(holds({ not: { metadata: { tier: "pro" } } })).toBe(false);
  });
});
