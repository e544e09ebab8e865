import { describe, expect, it } from "vitest";
import { parseModelId } from "./parse-model-id.js";

describe("parseModelId", () => {
  it("splits at the first slash only", () => {
    expect(parseModelId("openai/gpt-4o-mini")).toEqual({ provider: "openai", model: "gpt-4o-mini" });
    expect(parseModelId("openrouter/meta-llama/llama-3-70b")).toEqual({ provider: "openrouter", model: "meta-llama/llama-3-70b" });
  });

  it("passes any model name through: no model list is consulted", () => {
    expect(parseModelId("google/gemini-9-ultra-preview-2031")).toEqual({ provider: "google", model: "gemini-9-ultra-preview-2031" });
  });

  it.each(["gpt-4o", "/gpt-4o", "openai/", ""])("rejects %j", (id) => {
    expect(parseModelId(id)).toBeUndefined();
  });
});
