import type {
  FunctionCallingConfigMode,
  GenerateContentConfig,
  GenerateContentParameters,
  ToolConfig,
} from "@google/genai";
import { ValidationError } from "../../core/errors/validation-error.js";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ToolChoice } from "../../core/types/tool.js";
import type { Warning } from "../../core/types/warning.js";
import { stopList, stopWithin } from "../shared/text-content.js";
import { convertGoogleThinking } from "./convert-google-thinking.js";
import { convertToGoogleContents } from "./convert-to-google-contents.js";
import { thinkingProfileOf } from "./gemini-thinking-profile.js";

export interface GoogleRequestOptions {
  readonly model: string;
  /** Configured provider name: its `providerOptions` key is merged after `google`. */
  readonly provider: string;
}

/** The call's parameters, with a `config` that is always there for the adapter to extend. */
export type GoogleRequest = GenerateContentParameters & { config: GenerateContentConfig };

/** The SDK's enums are runtime values; their strings are typed here without importing the SDK. */
const TOOL_MODES = {
  auto: "AUTO" as FunctionCallingConfigMode.AUTO,
  none: "NONE" as FunctionCallingConfigMode.NONE,
  required: "ANY" as FunctionCallingConfigMode.ANY,
} as const;

/** `stopSequences` takes at most this many ("A maximum of 5 is allowed"). */
export const GEMINI_MAX_STOP_SEQUENCES = 5;

/** `seed` is an `int32` in the API's definition. */
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/**
 * A `ChatRequest` as `generateContent` parameters, plus what could not be mapped.
 *
 * In `@google/genai` every generation knob (sampling, tools, safety settings, thinking, cached
 * content, ...) lives in `config`, so `providerOptions.google` (then `providerOptions[<provider
 * name>]`) is merged verbatim, last, into `config`: `{ google: { topK: 40, safetySettings: [...] } }`.
 *
 * @throws ValidationError for what Gemini rejects and nothing can map: more than
 *   {@link GEMINI_MAX_STOP_SEQUENCES} stop sequences, a seed outside int32, a thinking budget the
 *   model does not take.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function convertToGoogleRequest(
  request: ChatRequest,
  { model, provider }: GoogleRequestOptions,
): { params: GoogleRequest; warnings: Warning[] } {
  const warnings: Warning[] = [];
  // Gemini 3 and later (the models that take thinking levels) require signed function calls.
  const placeholderSignatures = thinkingProfileOf(model).style === "level";
  const { contents, systemInstruction } = convertToGoogleContents(request.messages, { placeholderSignatures });
  const config: GenerateContentConfig = {};

  if (systemInstruction !== undefined) config.systemInstruction = systemInstruction;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  const stop = stopList(request.stop);
  if (stop) config.stopSequences = stopWithin(stop, GEMINI_MAX_STOP_SEQUENCES, "Gemini");
  if (request.seed !== undefined) config.seed = checkSeed(request.seed);
  if (request.tools?.length) {
    config.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description !== undefined ? { description: tool.description } : {}),
          parametersJsonSchema: toJsonSchema(tool.parameters),
        })),
      },
    ];
  }
  // Gemini rejects a function-calling config without function declarations: nothing to choose from.
  if (request.toolChoice !== undefined && config.tools) config.toolConfig = toolConfigOf(request.toolChoice);
  const format = request.responseFormat;
  if (format) {
    config.responseMimeType = "application/json";
    if (format.schema) config.responseJsonSchema = toJsonSchema(format.schema);
  }
  const thinking = request.reasoning && convertGoogleThinking(request.reasoning, model, warnings);
  if (thinking) config.thinkingConfig = thinking;
  Object.assign(config, request.providerOptions?.google, provider !== "google" ? request.providerOptions?.[provider] : undefined);
  return { params: { model, contents, config }, warnings };
}

function toolConfigOf(choice: ToolChoice): ToolConfig {
  if (typeof choice === "string") return { functionCallingConfig: { mode: TOOL_MODES[choice] } };
  return { functionCallingConfig: { mode: TOOL_MODES.required, allowedFunctionNames: [choice.name] } };
}

function checkSeed(seed: number): number {
  if (seed >= INT32.min && seed <= INT32.max) return seed;
  throw new ValidationError([
    { path: "seed", message: `Gemini's seed is a 32-bit integer (${INT32.min} to ${INT32.max}), got ${seed}: pick one in that range` },
  ]);
}
