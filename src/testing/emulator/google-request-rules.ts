import type { FieldRule } from "./field-rules.js";

const INT32 = { type: "integer", min: -(2 ** 31), max: 2 ** 31 - 1, wireType: "TYPE_INT32", digitStrings: true } as const;
const FLOAT = { type: "number", wireType: "TYPE_FLOAT" } as const;
const V1BETA = "type.googleapis.com/google.ai.generativelanguage.v1beta";

/**
 * The fields of each message of `GenerateContentRequest` the emulator checks for unknown names,
 * by where they sit (`[]`: each item). From the `generativelanguage` v1beta Discovery document.
 */
export const GOOGLE_MESSAGE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "": ["cachedContent", "contents", "generationConfig", "model", "safetySettings", "serviceTier", "store", "systemInstruction", "toolConfig", "tools"],
  "contents[]": ["parts", "role"],
  "contents[].parts[]": [
    "codeExecutionResult", "executableCode", "fileData", "functionCall", "functionResponse", "inlineData", "mediaResolution",
    "partMetadata", "text", "thought", "thoughtSignature", "toolCall", "toolResponse", "videoMetadata",
  ],
  systemInstruction: ["parts", "role"],
  generationConfig: [
    "_responseJsonSchema", "candidateCount", "enableAffectiveDialog", "enableEnhancedCivicAnswers", "frequencyPenalty", "imageConfig",
    "logprobs", "maxOutputTokens", "mediaResolution", "presencePenalty", "responseJsonSchema", "responseLogprobs", "responseMimeType",
    "responseModalities", "responseSchema", "seed", "speechConfig", "stopSequences", "temperature", "thinkingConfig", "topK", "topP",
  ],
  "generationConfig.thinkingConfig": ["includeThoughts", "thinkingBudget", "thinkingLevel"],
  toolConfig: ["functionCallingConfig", "includeServerSideToolInvocations", "retrievalConfig"],
  "toolConfig.functionCallingConfig": ["allowedFunctionNames", "mode"],
  "tools[]": ["codeExecution", "computerUse", "fileSearch", "functionDeclarations", "googleMaps", "googleSearch", "googleSearchRetrieval", "mcpServers", "urlContext"],
  "tools[].functionDeclarations[]": ["behavior", "description", "name", "parameters", "parametersJsonSchema", "response", "responseJsonSchema"],
};

/** Types, int32 bounds and enums of the Discovery document, and limits its descriptions state. */
export const GOOGLE_FIELD_RULES: readonly FieldRule[] = [
  { path: "generationConfig.temperature", ...FLOAT, min: 0, max: 2 },
  { path: "generationConfig.topP", ...FLOAT, min: 0, max: 1 },
  { path: "generationConfig.topK", ...INT32, min: 0 },
  { path: "generationConfig.candidateCount", ...INT32, min: 1 },
  { path: "generationConfig.maxOutputTokens", ...INT32, min: 1 },
  { path: "generationConfig.presencePenalty", ...FLOAT },
  { path: "generationConfig.frequencyPenalty", ...FLOAT },
  { path: "generationConfig.seed", ...INT32 },
  // "The set of character sequences (up to 5) that will stop output generation."
  { path: "generationConfig.stopSequences", type: "array", maxItems: 5 },
  { path: "generationConfig.stopSequences[]", type: "string", wireType: "TYPE_STRING" },
  { path: "generationConfig.responseMimeType", type: "string", enum: ["text/plain", "application/json", "text/x.enum"], wireType: "TYPE_STRING" },
  { path: "generationConfig.thinkingConfig.thinkingBudget", ...INT32 },
  { path: "generationConfig.thinkingConfig.includeThoughts", type: "boolean", wireType: "TYPE_BOOL" },
  {
    path: "generationConfig.thinkingConfig.thinkingLevel",
    type: "string",
    enum: ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH"],
    wireType: `${V1BETA}.ThinkingConfig.ThinkingLevel`,
  },
  {
    path: "toolConfig.functionCallingConfig.mode",
    type: "string",
    enum: ["MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"],
    wireType: `${V1BETA}.FunctionCallingConfig.Mode`,
  },
  // "Must be a-z, A-Z, 0-9, or contain underscores, colons, dots, and dashes, with a maximum length
  // of 128", and (the API's error) "Must start with a letter or an underscore".
  { path: "tools[].functionDeclarations[].name", type: "string", pattern: /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/, wireType: "TYPE_STRING" },
];

/**
 * The thinking budgets of the Gemini 2.5 models, which take no thinking level. `-1` (dynamic)
 * is always allowed.
 * @see https://ai.google.dev/gemini-api/docs/thinking#set-budget
 */
export const GEMINI_25_BUDGETS: readonly { readonly model: RegExp; readonly min: number; readonly max: number; readonly canTurnOff: boolean }[] = [
  { model: /^gemini-2\.5-pro/, min: 128, max: 32768, canTurnOff: false },
  { model: /^gemini-2\.5-flash-lite/, min: 512, max: 24576, canTurnOff: true },
  { model: /^gemini-2\.5-flash/, min: 1, max: 24576, canTurnOff: true },
];

/**
 * Models that return a thought signature with every function call and reject a replayed call of
 * the current turn without one: Gemini 3 and later, except the image models ("Gemini 3 Pro Image
 * doesn't enforce this validation").
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 * @see https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures
 */
export function signsFunctionCalls(model: string): boolean {
  const name = model.replace(/^models\//, "").toLowerCase();
  const major = Number(/^gemini-(\d+)/.exec(name)?.[1] ?? Number.NaN);
  return major >= 3 && !name.includes("-image");
}
