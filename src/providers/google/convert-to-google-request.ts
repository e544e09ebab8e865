import type {
  FunctionCallingConfigMode,
  GenerateContentConfig,
  GenerateContentParameters,
  ThinkingConfig,
  ThinkingLevel,
  ToolConfig,
} from "@google/genai";
import { toJsonSchema } from "../../core/schema/standard-schema.js";
import type { ChatRequest, ReasoningOptions } from "../../core/types/chat-request.js";
import type { ToolChoice } from "../../core/types/tool.js";
import type { Warning } from "../../core/types/warning.js";
import { stopList } from "../shared/text-content.js";
import { convertToGoogleContents } from "./convert-to-google-contents.js";

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

/** Gemini has four levels: the two above `high` ask for the most there is. */
const THINKING_LEVELS: Readonly<Record<Exclude<ReasoningOptions["effort"] & string, "none">, ThinkingLevel>> = {
  minimal: "MINIMAL" as ThinkingLevel.MINIMAL,
  low: "LOW" as ThinkingLevel.LOW,
  medium: "MEDIUM" as ThinkingLevel.MEDIUM,
  high: "HIGH" as ThinkingLevel.HIGH,
  xhigh: "HIGH" as ThinkingLevel.HIGH,
  max: "HIGH" as ThinkingLevel.HIGH,
};

/**
 * A `ChatRequest` as `generateContent` parameters, plus what could not be mapped.
 *
 * In `@google/genai` every generation knob (sampling, tools, safety settings, thinking, cached
 * content, ...) lives in `config`, so `providerOptions.google` (then `providerOptions[<provider
 * name>]`) is merged verbatim, last, into `config`: `{ google: { topK: 40, safetySettings: [...] } }`.
 *
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function convertToGoogleRequest(
  request: ChatRequest,
  { model, provider }: GoogleRequestOptions,
): { params: GoogleRequest; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const { contents, systemInstruction } = convertToGoogleContents(request.messages);
  const config: GenerateContentConfig = {};

  if (systemInstruction !== undefined) config.systemInstruction = systemInstruction;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  const stop = stopList(request.stop);
  if (stop) config.stopSequences = stop;
  if (request.seed !== undefined) config.seed = request.seed;
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
  if (request.toolChoice !== undefined) config.toolConfig = toolConfigOf(request.toolChoice);
  const format = request.responseFormat;
  if (format) {
    config.responseMimeType = "application/json";
    if (format.schema) config.responseJsonSchema = toJsonSchema(format.schema);
  }
  const thinking = request.reasoning && thinkingConfigOf(request.reasoning, warnings);
  if (thinking) config.thinkingConfig = thinking;
  Object.assign(config, request.providerOptions?.google, provider !== "google" ? request.providerOptions?.[provider] : undefined);
  return { params: { model, contents, config }, warnings };
}

function toolConfigOf(choice: ToolChoice): ToolConfig {
  if (typeof choice === "string") return { functionCallingConfig: { mode: TOOL_MODES[choice] } };
  return { functionCallingConfig: { mode: TOOL_MODES.required, allowedFunctionNames: [choice.name] } };
}

/**
 * Gemini takes a token budget or a level, not both (it rejects the pair), so a budget wins over an
 * effort. Thought summaries are asked for whenever thinking is, so `reasoning` is filled.
 *
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
function thinkingConfigOf({ effort, budgetTokens }: ReasoningOptions, warnings: Warning[]): ThinkingConfig | undefined {
  if (budgetTokens !== undefined) {
    if (effort !== undefined) {
      warnings.push({
        type: "unsupported",
        setting: "reasoning.effort",
        message: "Gemini takes a thinking budget or a thinking level, not both: reasoning.budgetTokens was used",
      });
    }
    return budgetTokens === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budgetTokens, includeThoughts: true };
  }
  if (effort === undefined) return undefined;
  // Levels cannot switch thinking off; a zero budget can (on the models that allow it).
  if (effort === "none") return { thinkingBudget: 0 };
  return { thinkingLevel: THINKING_LEVELS[effort], includeThoughts: true };
}
