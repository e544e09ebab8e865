import { describe, expect, it } from "vitest";
import { decodeBase64Text, parseDataUrl, toBase64, toDataUrl } from "./base64.js";

describe("base64 helpers", () => {
  it("encodes bytes and passes base64 strings through", () => {
    expect(toBase64(new Uint8Array([104, 105]))).toBe("aGk=");
    expect(toBase64("aGk=")).toBe("aGk=");
    expect(toDataUrl("aGk=", "text/plain")).toBe("data:text/plain;base64,aGk=");
  });

  it("decodes inline data to UTF-8 text", () => {
    expect(decodeBase64Text(btoa("plain"))).toBe("plain");
    expect(decodeBase64Text(new TextEncoder().encode("héllo ✓"))).toBe("héllo ✓");
    expect(decodeBase64Text(toBase64(new TextEncoder().encode("héllo ✓")))).toBe("héllo ✓");
  });

  it("splits base64 data: URLs and leaves every other URL alone", () => {
    expect(parseDataUrl("data:image/png;base64,iVBORw0KGgo=")).toEqual({ mediaType: "image/png", data: "iVBORw0KGgo=" });
    expect(parseDataUrl("data:Text/Plain;charset=utf-8;base64,aGk=")).toEqual({ mediaType: "text/plain", data: "aGk=" });
    expect(parseDataUrl("data:text/plain,hi")).toBeUndefined();
    expect(parseDataUrl("https://example.com/a.png")).toBeUndefined();
  });
});
