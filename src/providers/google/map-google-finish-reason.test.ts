import { describe, expect, it } from "vitest";
import { googleFinishOf, mapGoogleFinishReason } from "./map-google-finish-reason.js";

describe("mapGoogleFinishReason", () => {
  it.each([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["SPII", "content_filter"],
    ["IMAGE_SAFETY", "content_filter"],
    ["IMAGE_PROHIBITED_CONTENT", "content_filter"],
    ["IMAGE_RECITATION", "content_filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["UNEXPECTED_TOOL_CALL", "error"],
    ["TOO_MANY_TOOL_CALLS", "error"],
    ["LANGUAGE", "other"],
    ["OTHER", "other"],
    ["NO_IMAGE", "other"],
    ["IMAGE_OTHER", "other"],
    ["FINISH_REASON_UNSPECIFIED", "other"],
    ["SOMETHING_NEW", "other"],
    [undefined, "other"],
  ])("%s → %s", (raw, unified) => {
    expect(mapGoogleFinishReason(raw, { toolCalls: false })).toBe(unified);
  });

  it("infers tool_calls from STOP with function calls, and only from STOP", () => {
    expect(mapGoogleFinishReason("STOP", { toolCalls: true })).toBe("tool_calls");
    expect(mapGoogleFinishReason("MAX_TOKENS", { toolCalls: true })).toBe("length");
  });
});

describe("googleFinishOf", () => {
  it("turns a prompt block without a candidate finish into content_filter with the block reason", () => {
    expect(googleFinishOf(undefined, "PROHIBITED_CONTENT", { toolCalls: false })).toEqual({
      finishReason: "content_filter",
      rawFinishReason: "PROHIBITED_CONTENT",
    });
  });

  it("prefers the candidate's finish reason", () => {
    expect(googleFinishOf("STOP", "SAFETY", { toolCalls: false })).toEqual({ finishReason: "stop", rawFinishReason: "STOP" });
  });

  it("keeps an empty raw reason when there is none", () => {
    expect(googleFinishOf(undefined, undefined, { toolCalls: false })).toEqual({ finishReason: "other", rawFinishReason: "" });
  });
});
