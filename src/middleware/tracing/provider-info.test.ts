import { afterEach, describe, expect, it, vi } from "vitest";
import { describeProvider, serverOf } from "./provider-info.js";

afterEach(() => vi.unstubAllEnvs());

describe("describeProvider", () => {
  it("names the built-in types as the conventions do, from the type, not the configured name", () => {
    expect(describeProvider("openai", undefined)).toEqual({ name: "openai", operation: "chat", serverAddress: "api.openai.com", serverPort: 443 });
    expect(describeProvider("anthropic", undefined)).toMatchObject({ name: "anthropic", operation: "chat", serverAddress: "api.anthropic.com" });
    expect(describeProvider("google", undefined)).toMatchObject({ name: "gcp.gemini", operation: "generate_content", serverAddress: "generativelanguage.googleapis.com" });
    expect(describeProvider("eu", { type: "anthropic", baseURL: "http://127.0.0.1:8080" })).toEqual({ name: "anthropic", operation: "chat", serverAddress: "127.0.0.1", serverPort: 8080 });
  });

  it("names an openai-compatible server or a custom adapter after its configured name, unless told", () => {
    expect(describeProvider("groq", { type: "openai-compatible", baseURL: "https://api.groq.com/openai/v1" })).toEqual({
      name: "groq",
      operation: "chat",
      serverAddress: "api.groq.com",
      serverPort: 443,
    });
    expect(describeProvider("local", { type: "openai-compatible", providerName: "ollama" }).name).toBe("ollama");
    expect(describeProvider("mine", undefined)).toEqual({ name: "mine", operation: "chat" });
  });

  it("follows the SDK's base-URL environment variable for a built-in type without a baseURL", () => {
    vi.stubEnv("OPENAI_BASE_URL", "http://proxy.internal:9000/v1");
    expect(describeProvider("openai", undefined)).toMatchObject({ serverAddress: "proxy.internal", serverPort: 9000 });
  });
});

describe("serverOf", () => {
  it("keeps the host and port only, never credentials or the path", () => {
    expect(serverOf("https://user:secret@example.com/v1?key=abc")).toEqual({ serverAddress: "example.com", serverPort: 443 });
    expect(serverOf("http://[::1]:4000")).toEqual({ serverAddress: "::1", serverPort: 4000 });
    expect(serverOf("not a url")).toBeUndefined();
  });
});
