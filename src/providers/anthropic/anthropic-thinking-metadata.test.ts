import { describe, expect, it } from "vitest";
import { thinkingBlocksOf, thinkingMetadata } from "./anthropic-thinking-metadata.js";

const block = { type: "thinking" as const, thinking: "t", signature: "s" };
const redacted = { type: "redacted_thinking" as const, data: "d" };

describe("thinking metadata", () => {
  it("stores blocks under anthropic.thinking and reads them back unchanged", () => {
    const metadata = thinkingMetadata([block, redacted]);
    expect(metadata).toEqual({ anthropic: { thinking: [block, redacted] } });
    expect(thinkingBlocksOf(metadata)).toEqual([block, redacted]);
  });

  it("stores nothing for no blocks", () => {
    expect(thinkingMetadata([])).toBeUndefined();
  });

  it("reads nothing from other providers' metadata or malformed entries", () => {
    expect(thinkingBlocksOf(undefined)).toEqual([]);
    expect(thinkingBlocksOf({ google: { thinking: [block] } })).toEqual([]);
    expect(thinkingBlocksOf({ anthropic: { thinking: "t" } })).toEqual([]);
    expect(thinkingBlocksOf({ anthropic: { thinking: [null, { type: "redacted_thinking" }, { type: "text", text: "x" }, block] } })).toEqual([block]);
  });
});
