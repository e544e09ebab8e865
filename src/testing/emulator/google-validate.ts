import { googleError } from "./google-errors.js";
import { isRecord, recordsOf, type JsonObject } from "./json-shape.js";
import type { WireResponse } from "./provider-wire.js";

/**
 * The checks of `generateContent` that adapters get wrong most, with Gemini's own messages:
 * contents present, roles `user`/`model`, non-empty parts, and function call/response turns in
 * order and in equal numbers.
 */
export function validateGoogleRequest(body: unknown): WireResponse | undefined {
  const message = firstProblem(body);
  return message === undefined ? undefined : googleError(400, message);
}

function firstProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return "Invalid JSON payload received. Expected an object.";
  const contents = body.contents;
  if (contents === undefined || (Array.isArray(contents) && contents.length === 0)) return "* GenerateContentRequest.contents: contents is not specified\n";
  if (!Array.isArray(contents)) return 'Invalid JSON payload received. Invalid value at \'contents\': expected a list.';
  for (const [index, content] of contents.entries()) {
    if (!isRecord(content)) return `Invalid JSON payload received. Invalid value at 'contents[${index}]': expected an object.`;
    if (content.role !== undefined && content.role !== "user" && content.role !== "model") return "Please use a valid role: user, model.";
    if (!Array.isArray(content.parts) || content.parts.length === 0) return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.\n`;
  }
  return checkFunctionTurns(contents as JsonObject[]);
}

/** A function call follows a user turn or function responses; responses answer the turn right before, one for one. */
function checkFunctionTurns(contents: readonly JsonObject[]): string | undefined {
  for (const [index, content] of contents.entries()) {
    const previous = contents[index - 1];
    const calls = countParts(content, "functionCall");
    if (calls > 0 && index > 0 && previous?.role === "model") {
      return "Please ensure that function call turn comes immediately after a user turn or after a function response turn.";
    }
    const responses = countParts(content, "functionResponse");
    if (responses === 0) continue;
    const previousCalls = countParts(previous, "functionCall");
    if (previousCalls === 0) return "Please ensure that function response turn comes immediately after a function call turn.";
    if (previousCalls !== responses) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
  }
  return undefined;
}

function countParts(content: JsonObject | undefined, key: string): number {
  return recordsOf(content?.parts).filter((part) => isRecord(part[key])).length;
}
