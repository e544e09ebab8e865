import { firstFieldProblem, valuesAt, type FieldProblem } from "./field-rules.js";
import { googleError } from "./google-errors.js";
import { GEMINI_25_BUDGETS, GOOGLE_FIELD_RULES, GOOGLE_MESSAGE_FIELDS, signsFunctionCalls } from "./google-request-rules.js";
import { isRecord, recordsOf, type JsonObject } from "./json-shape.js";
import type { WireResponse } from "./provider-wire.js";

/**
 * The checks of `generateContent`, with Gemini's own messages: unknown field names, the types,
 * int32 bounds, enums and limits of the v1beta definition, contents present, roles `user`/`model`,
 * non-empty parts, function call/response turns in order and in equal numbers, a function-calling
 * config only with declarations, thinking settings the model takes, and (Gemini 3) a thought
 * signature on the function calls of the current turn.
 *
 * @param model the model of the URL (`models/{model}:generateContent`).
 */
export function validateGoogleRequest(body: unknown, model: string): WireResponse | undefined {
  const message = firstProblem(body, model);
  return message === undefined ? undefined : googleError(400, message);
}

function firstProblem(body: unknown, model: string): string | undefined {
  if (!isRecord(body)) return "Invalid JSON payload received. Expected an object.";
  const unknown = unknownField(body);
  if (unknown) return unknown;
  const field = firstFieldProblem(body, GOOGLE_FIELD_RULES);
  if (field) return fieldMessage(field);
  return contentsProblem(body) ?? toolConfigProblem(body) ?? thinkingProblem(body, model) ?? signatureProblem(body, model);
}

/**
 * Gemini 3 checks the function calls of the current turn (since the last user turn that is not
 * function responses): the first call of each step must carry its `thoughtSignature`. Any value
 * passes here; Google documents `skip_thought_signature_validator` for calls Gemini did not make.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
function signatureProblem(body: JsonObject, model: string): string | undefined {
  if (!signsFunctionCalls(model)) return undefined;
  const contents = recordsOf(body.contents);
  const start = contents.findLastIndex((content) => content.role !== "model" && recordsOf(content.parts).some((part) => part.functionResponse === undefined));
  for (const [offset, content] of contents.slice(start + 1).entries()) {
    const call = recordsOf(content.parts).find((part) => isRecord(part.functionCall));
    if (!call || typeof call.thoughtSignature === "string") continue;
    const name = isRecord(call.functionCall) && typeof call.functionCall.name === "string" ? call.functionCall.name : "";
    return (
      "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. " +
      `Additional data, function call \`${name}\` , position ${start + 1 + offset}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`
    );
  }
  return undefined;
}

/** Gemini reads field names in camelCase or as in the proto (snake_case). */
function unknownField(body: JsonObject): string | undefined {
  for (const [path, fields] of Object.entries(GOOGLE_MESSAGE_FIELDS)) {
    const known = new Set(fields);
    const targets = path === "" ? [{ path: "", value: body }] : valuesAt(body, path);
    for (const { path: at, value } of targets) {
      if (!isRecord(value)) continue;
      const name = Object.keys(value).find((key) => !known.has(key) && !known.has(key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())));
      if (name !== undefined) return `Invalid JSON payload received. Unknown name "${name}"${at === "" ? "" : ` at '${protoPath(at)}'`}: Cannot find field.`;
    }
  }
  return undefined;
}

/** A JSON path as Gemini's errors write it: `generation_config.stop_sequences`. */
function protoPath(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function fieldMessage(problem: FieldProblem): string {
  const at = protoPath(problem.path);
  const shown = typeof problem.value === "string" ? JSON.stringify(problem.value) : String(problem.value);
  switch (problem.kind) {
    case "type":
    case "enum":
      return `Invalid value at '${at}' (${problem.rule.wireType ?? "TYPE_MESSAGE"}), ${shown}`;
    case "below":
    case "above":
      if (problem.rule.wireType === "TYPE_INT32" && !(Math.abs(problem.value as number) < 2 ** 31)) return `Invalid value at '${at}' (TYPE_INT32), ${shown}`;
      return `* GenerateContentRequest.${at}: must be ${problem.kind === "below" ? "at least" : "at most"} ${problem.limit}, got ${shown}\n`;
    case "pattern":
      return (
        `* GenerateContentRequest.${at}: Invalid function name. Must start with a letter or an underscore. ` +
        "Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 128.\n"
      );
    case "too-many":
      return `* GenerateContentRequest.${at}: at most ${problem.limit} are allowed, got ${(problem.value as unknown[]).length}\n`;
    default:
      return `* GenerateContentRequest.${at}: invalid value ${shown}\n`;
  }
}

/** A function-calling config with nothing to call is refused. */
function toolConfigProblem(body: JsonObject): string | undefined {
  if (!isRecord(body.toolConfig) || body.toolConfig.functionCallingConfig === undefined) return undefined;
  const declarations = recordsOf(body.tools).flatMap((tool) => recordsOf(tool.functionDeclarations));
  return declarations.length === 0 ? "Function calling config is set without function_declarations." : undefined;
}

/**
 * Levels are for Gemini 3 and later ("Use with earlier models results in an error"); a budget
 * and a level together are refused; Gemini 2.5 budgets have per-model ranges.
 */
function thinkingProblem(body: JsonObject, model: string): string | undefined {
  const config = isRecord(body.generationConfig) && isRecord(body.generationConfig.thinkingConfig) ? body.generationConfig.thinkingConfig : undefined;
  if (!config) return undefined;
  const name = model.replace(/^models\//, "").toLowerCase();
  const major = Number(/^gemini-(\d+)/.exec(name)?.[1] ?? Number.NaN);
  if (config.thinkingLevel !== undefined && config.thinkingBudget !== undefined) return "You can only set one of thinking budget and thinking level.";
  if (config.thinkingLevel !== undefined) {
    if (major < 3) return "Thinking level is not supported for this model.";
    if (/^gemini-3(\.0)?-pro/.test(name) && (config.thinkingLevel === "MINIMAL" || config.thinkingLevel === "MEDIUM")) {
      return `Thinking level ${String(config.thinkingLevel)} is not supported for this model. Supported levels: LOW, HIGH.`;
    }
  }
  const budget = config.thinkingBudget;
  const range = GEMINI_25_BUDGETS.find((entry) => entry.model.test(name));
  if (typeof budget !== "number" || !range || budget === -1) return undefined;
  if (budget === 0) return range.canTurnOff ? undefined : "Budget 0 is invalid. This model only works in thinking mode.";
  if (budget < range.min || budget > range.max) return `The thinking budget ${budget} is invalid. Please choose a value between ${range.min} and ${range.max}.`;
  return undefined;
}

function contentsProblem(body: JsonObject): string | undefined {
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
