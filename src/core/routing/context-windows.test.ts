import { describe, expect, it } from "vitest";
import { ContextWindows } from "./context-windows.js";

describe("ContextWindows", () => {
  it("knows the well-known models by prefix, and nothing else", () => {
    const windows = new ContextWindows();
    expect(windows.of({ provider: "openai", model: "gpt-4o-mini" })).toBe(128_000);
    expect(windows.of({ provider: "anthropic", model: "claude-haiku-4-5" })).toBe(200_000);
    expect(windows.of({ provider: "google", model: "gemini-2.5-flash" })).toBe(1_048_576);
    expect(windows.of({ provider: "groq", model: "llama-3.1-8b-instant" })).toBeUndefined();
  });

  it("the user's entries win: exact provider/model, then the longest prefix", () => {
    const windows = new ContextWindows({ "openai/gpt-4o-mini": 16_000, "groq/llama-3.1*": 131_072, "gpt-4o*": 64_000 });
    expect(windows.of({ provider: "openai", model: "gpt-4o-mini" })).toBe(16_000);
    expect(windows.of({ provider: "openai", model: "gpt-4o" })).toBe(64_000);
    expect(windows.of({ provider: "groq", model: "llama-3.1-70b" })).toBe(131_072);
    expect(windows.of({ provider: "other", model: "llama-3.1-70b" })).toBeUndefined();
  });
});
