import type { FinishReason } from "../../core/types/finish-reason.js";

/** Stops by a safety, recitation or policy filter. */
const FILTERED = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);

/** Stops where the model produced a tool call Gemini itself refused. */
const FAILED = new Set(["MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS"]);

/**
 * A candidate's `finishReason`, unified. Gemini says `STOP` when it calls functions, so `tool_calls`
 * is inferred from the candidate's `functionCall` parts. Anything not listed (`LANGUAGE`, `OTHER`,
 * `NO_IMAGE`, `FINISH_REASON_UNSPECIFIED`, a value added later) is `other`
 * (following the unified table of OpenTelemetry's output-message finish reasons, extended with `other`).
 *
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGoogleFinishReason(raw: string | null | undefined, seen: { readonly toolCalls: boolean }): FinishReason {
  if (raw === "STOP") return seen.toolCalls ? "tool_calls" : "stop";
  if (raw === "MAX_TOKENS") return "length";
  if (raw && FILTERED.has(raw)) return "content_filter";
  if (raw && FAILED.has(raw)) return "error";
  return "other";
}

/**
 * The finish of a response or stream: the candidate's reason, or else a prompt block. A blocked
 * prompt gets no candidate at all, only `promptFeedback.blockReason` (`SAFETY`, `OTHER`,
 * `PROHIBITED_CONTENT`, ...): a `content_filter` finish whose raw reason is the block reason.
 */
export function googleFinishOf(
  finishReason: string | undefined,
  blockReason: string | undefined,
  seen: { readonly toolCalls: boolean },
): { finishReason: FinishReason; rawFinishReason: string } {
  if (finishReason === undefined && blockReason !== undefined) return { finishReason: "content_filter", rawFinishReason: blockReason };
  return { finishReason: mapGoogleFinishReason(finishReason, seen), rawFinishReason: finishReason ?? "" };
}
