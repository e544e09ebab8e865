import { describe, expect, it } from "vitest";
import { createThinkingSigner } from "./thinking-signer.js";

describe("createThinkingSigner", () => {
  it("verifies its own base64 tags, the same for the same text", () => {
    const signer = createThinkingSigner();
    const signature = signer.sign("Considering the request.");
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(signer.sign("Considering the request.")).toBe(signature);
    expect(signer.verify("Considering the request.", signature)).toBe(true);
  });

  it("refuses another text, another signer's tag, and a tag with stray characters", () => {
    const signer = createThinkingSigner();
    const signature = signer.sign("a");
    expect(signer.verify("b", signature)).toBe(false);
    expect(signer.verify("a", createThinkingSigner().sign("a"))).toBe(false);
    expect(signer.verify("a", `${signature}!`)).toBe(false);
    expect(createThinkingSigner(new Uint8Array(32)).verify("a", createThinkingSigner(new Uint8Array(32)).sign("a"))).toBe(true);
  });
});
