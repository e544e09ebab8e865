import { describe, expect, it } from "vitest";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";

describe("mapAnthropicStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool_calls"],
    ["refusal", "refusal"],
    ["pause_turn", "other"],
    ["a_future_reason", "other"],
  ] as const)("%s → %s", (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toBe(unified);
  });

  it("maps a missing stop reason to other", () => {
    expect(mapAnthropicStopReason(null)).toBe("other");
    expect(mapAnthropicStopReason(undefined)).toBe("other");
  });
});
