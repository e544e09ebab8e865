import { describe, expect, it } from "vitest";
import { validateGoogleRequest } from "./google-validate.js";

const base = { contents: [{ role: "user", parts: [{ text: "hi" }] }] };
const tools = [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: { type: "object" } }] }];

function messageOf(body: unknown, model = "gemini-2.5-flash"): string | undefined {
  const answer = validateGoogleRequest(body, model) as { status: number; body: { error: { status: string; message: string } } } | undefined;
  if (answer) expect(answer).toMatchObject({ status: 400, body: { error: { status: "INVALID_ARGUMENT" } } });
  return answer?.body.error.message;
}

describe("validateGoogleRequest", () => {
  it.each([
    ["an unknown field", { ...base, foo: 1 }, 'Invalid JSON payload received. Unknown name "foo": Cannot find field.'],
    ["an unknown generation setting", { ...base, generationConfig: { top_k: 3, temprature: 1 } }, `Unknown name "temprature" at 'generation_config': Cannot find field.`],
    ["a function-calling config without declarations", { ...base, toolConfig: { functionCallingConfig: { mode: "AUTO" } } }, "Function calling config is set without function_declarations."],
    ["six stop sequences", { ...base, generationConfig: { stopSequences: ["a", "b", "c", "d", "e", "f"] } }, "* GenerateContentRequest.generation_config.stop_sequences: at most 5 are allowed, got 6"],
    ["a seed over int32", { ...base, generationConfig: { seed: 2 ** 31 } }, "Invalid value at 'generation_config.seed' (TYPE_INT32), 2147483648"],
    ["a seed over int32, as digits", { ...base, generationConfig: { seed: "2147483648" } }, "Invalid value at 'generation_config.seed' (TYPE_INT32), 2147483648"],
    ["a temperature as text", { ...base, generationConfig: { temperature: "hot" } }, `Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`],
    ["an unknown mode", { ...base, tools, toolConfig: { functionCallingConfig: { mode: "SOMETIMES" } } }, "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"SOMETIMES\""],
    ["a function name starting with a digit", { ...base, tools: [{ functionDeclarations: [{ name: "1st" }] }] }, "* GenerateContentRequest.tools[0].function_declarations[0].name: Invalid function name. Must start with a letter or an underscore."],
    ["a thinking level before Gemini 3", { ...base, generationConfig: { thinkingConfig: { thinkingLevel: "LOW" } } }, "Thinking level is not supported for this model."],
    ["a budget and a level", { ...base, generationConfig: { thinkingConfig: { thinkingLevel: "LOW", thinkingBudget: 100 } } }, "You can only set one of thinking budget and thinking level."],
    ["a budget the model does not take", { ...base, generationConfig: { thinkingConfig: { thinkingBudget: 30000 } } }, "The thinking budget 30000 is invalid. Please choose a value between 1 and 24576."],
  ])("rejects %s", (_, body, message) => {
    expect(messageOf(body)).toContain(message);
  });

  it("knows which thinking settings each model family takes", () => {
    const thinking = (thinkingConfig: object) => ({ ...base, generationConfig: { thinkingConfig } });
    expect(messageOf(thinking({ thinkingLevel: "MINIMAL" }), "gemini-3-flash-preview")).toBeUndefined();
    expect(messageOf(thinking({ thinkingLevel: "MINIMAL" }), "gemini-3-pro-preview")).toContain("Thinking level MINIMAL is not supported for this model");
    expect(messageOf(thinking({ thinkingBudget: 0 }), "gemini-2.5-pro")).toBe("Budget 0 is invalid. This model only works in thinking mode.");
    expect(messageOf(thinking({ thinkingBudget: 64 }), "models/gemini-2.5-pro")).toContain("between 128 and 32768");
    expect(messageOf(thinking({ thinkingBudget: -1 }), "gemini-2.5-pro")).toBeUndefined();
    expect(messageOf(thinking({ thinkingBudget: 0 }), "gemini-2.5-flash-lite")).toBeUndefined();
    expect(messageOf(thinking({ thinkingBudget: 100 }), "gemini-2.5-flash-lite")).toContain("between 512 and 24576");
  });

  it("accepts what the definition allows, in camelCase or snake_case", () => {
    for (const body of [
      base,
      { ...base, tools, toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } } },
      { ...base, generationConfig: { stopSequences: ["a", "b", "c", "d", "e"], seed: -(2 ** 31), temperature: 2, topP: 1, topK: 40 } },
      { ...base, system_instruction: { parts: [{ text: "be brief" }] }, generation_config: { max_output_tokens: 10 } },
      { ...base, tools: [{ functionDeclarations: [{ name: "_private.v1:call-2" }] }] },
      { ...base, generationConfig: { _responseJsonSchema: { type: "object" }, seed: "42", maxOutputTokens: "100" } },
    ]) {
      expect(messageOf(body)).toBeUndefined();
    }
  });

  describe("thought signatures on Gemini 3", () => {
    const call = (signature?: string) => ({ role: "model", parts: [{ functionCall: { name: "get_weather", args: {} }, ...(signature !== undefined ? { thoughtSignature: signature } : {}) }, { functionCall: { name: "get_weather", args: {} } }] });
    const answers = { role: "user", parts: [{ functionResponse: { name: "get_weather", response: {} } }, { functionResponse: { name: "get_weather", response: {} } }] };
    const conversation = (...contents: object[]) => ({ ...base, tools, contents: [...base.contents, ...contents] });

    it("refuses a function call of the current turn whose first call has no signature", () => {
      expect(messageOf(conversation(call(), answers), "gemini-3-flash-preview")).toBe(
        "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. " +
          "Additional data, function call `get_weather` , position 1. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
      );
      expect(messageOf(conversation(call("Cs0BAdHt"), answers, call(), answers), "gemini-3.1-pro-preview")).toContain("position 3");
    });

    it("takes a signature on the first call only, Google's placeholder, earlier turns without one, and other models", () => {
      expect(messageOf(conversation(call("Cs0BAdHt"), answers), "gemini-3-flash-preview")).toBeUndefined();
      expect(messageOf(conversation(call("skip_thought_signature_validator"), answers), "gemini-3-flash-preview")).toBeUndefined();
      expect(messageOf(conversation(call(), answers, { role: "model", parts: [{ text: "done" }] }, { role: "user", parts: [{ text: "again" }] }), "gemini-3-flash-preview")).toBeUndefined();
      expect(messageOf(conversation(call(), answers), "gemini-2.5-flash")).toBeUndefined();
      expect(messageOf(conversation(call(), answers), "gemini-3-pro-image-preview")).toBeUndefined();
    });
  });
});
