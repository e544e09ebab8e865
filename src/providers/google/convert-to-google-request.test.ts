import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../../core/errors/validation-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import { convertToGoogleRequest } from "./convert-to-google-request.js";

const base = { model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] } satisfies ChatRequest;
const options = { model: "gemini-2.5-flash", provider: "google" };

describe("convertToGoogleRequest", () => {
  it("maps the sampling settings into config", () => {
    expect(
      convertToGoogleRequest(
        { ...base, messages: [{ role: "system", content: "Be brief." }, ...base.messages], temperature: 0.2, topP: 0.9, maxTokens: 100, stop: "END", seed: 7 },
        options,
      ),
    ).toEqual({
      params: {
        model: "gemini-2.5-flash",
        contents: [{ role: "user", parts: [{ text: "Hi" }] }],
        config: { systemInstruction: "Be brief.", temperature: 0.2, topP: 0.9, maxOutputTokens: 100, stopSequences: ["END"], seed: 7 },
      },
      warnings: [],
    });
  });

  it("declares tools with JSON Schema parameters (zod converted)", () => {
    const { params } = convertToGoogleRequest(
      {
        ...base,
        tools: [
          { name: "weather", description: "Weather for a city", parameters: z.object({ city: z.string() }) },
          { name: "clock", parameters: { type: "object", properties: {} } },
        ],
      },
      options,
    );
    expect(params.config.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "weather",
            description: "Weather for a city",
            parametersJsonSchema: {
              type: "object",
              properties: { city: { type: "string" } },
              required: ["city"],
              additionalProperties: false,
            },
          },
          { name: "clock", parametersJsonSchema: { type: "object", properties: {} } },
        ],
      },
    ]);
  });

  it.each([
    ["auto", { functionCallingConfig: { mode: "AUTO" } }],
    ["none", { functionCallingConfig: { mode: "NONE" } }],
    ["required", { functionCallingConfig: { mode: "ANY" } }],
    [{ name: "weather" }, { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["weather"] } }],
  ] as const)("tool choice %j", (toolChoice, toolConfig) => {
    const tools = [{ name: "weather", parameters: { type: "object" } }];
    expect(convertToGoogleRequest({ ...base, tools, toolChoice }, options).params.config.toolConfig).toEqual(toolConfig);
  });

  it.each(["auto", "none"] as const)("leaves out tool choice %j when there are no tools (Gemini rejects a config without declarations)", (toolChoice) => {
    expect(convertToGoogleRequest({ ...base, toolChoice }, options).params.config).not.toHaveProperty("toolConfig");
  });

  it("rejects more than 5 stop sequences and a seed outside int32, before sending", () => {
    expect(convertToGoogleRequest({ ...base, stop: ["a", "b", "c", "d", "e"] }, options).params.config.stopSequences).toHaveLength(5);
    expect(() => convertToGoogleRequest({ ...base, stop: ["a", "b", "c", "d", "e", "f"] }, options)).toThrow(
      "stop: Gemini takes at most 5 stop sequences, got 6",
    );
    expect(convertToGoogleRequest({ ...base, seed: 2 ** 31 - 1 }, options).params.config.seed).toBe(2 ** 31 - 1);
    expect(() => convertToGoogleRequest({ ...base, seed: 2 ** 31 }, options)).toThrow(ValidationError);
    expect(() => convertToGoogleRequest({ ...base, seed: -(2 ** 31) - 1 }, options)).toThrow("seed: Gemini's seed is a 32-bit integer");
  });

  it("asks for JSON, with the schema when there is one", () => {
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
    expect(convertToGoogleRequest({ ...base, responseFormat: { type: "json", schema } }, options).params.config).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: schema,
    });
    expect(convertToGoogleRequest({ ...base, responseFormat: { type: "json" } }, options).params.config).toEqual({
      responseMimeType: "application/json",
    });
  });

  it.each([
    [{ budgetTokens: 1024 }, { thinkingBudget: 1024, includeThoughts: true }],
    [{ budgetTokens: 0 }, { thinkingBudget: 0 }],
    [{ effort: "minimal" }, { thinkingBudget: 512, includeThoughts: true }],
    [{ effort: "low" }, { thinkingBudget: 1024, includeThoughts: true }],
    [{ effort: "medium" }, { thinkingBudget: 8192, includeThoughts: true }],
    [{ effort: "high" }, { thinkingBudget: 24576, includeThoughts: true }],
    [{ effort: "max" }, { thinkingBudget: 24576, includeThoughts: true }],
    [{ effort: "none" }, { thinkingBudget: 0 }],
  ] as const)("reasoning %j on Gemini 2.5 Flash: a thinking budget, never a level", (reasoning, thinkingConfig) => {
    const { params, warnings } = convertToGoogleRequest({ ...base, reasoning }, options);
    expect(params.config.thinkingConfig).toEqual(thinkingConfig);
    expect(warnings).toEqual([]);
  });

  it.each([
    [{ effort: "minimal" }, { thinkingLevel: "MINIMAL", includeThoughts: true }],
    [{ effort: "low" }, { thinkingLevel: "LOW", includeThoughts: true }],
    [{ effort: "medium" }, { thinkingLevel: "MEDIUM", includeThoughts: true }],
    [{ effort: "high" }, { thinkingLevel: "HIGH", includeThoughts: true }],
    [{ effort: "xhigh" }, { thinkingLevel: "HIGH", includeThoughts: true }],
    [{ budgetTokens: 2048 }, { thinkingBudget: 2048, includeThoughts: true }],
  ] as const)("reasoning %j on Gemini 3 Flash: a thinking level", (reasoning, thinkingConfig) => {
    const { params, warnings } = convertToGoogleRequest({ ...base, reasoning }, { ...options, model: "gemini-3-flash-preview" });
    expect(params.config.thinkingConfig).toEqual(thinkingConfig);
    expect(warnings).toEqual([]);
  });

  it("uses the budget when both a budget and an effort are given, and says so", () => {
    expect(convertToGoogleRequest({ ...base, reasoning: { effort: "high", budgetTokens: 2048 } }, options)).toMatchObject({
      params: { config: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } },
      warnings: [{ type: "unsupported", setting: "reasoning.effort" }],
    });
  });

  it("merges providerOptions.google, then the provider's own key, verbatim and last into config", () => {
    const request: ChatRequest = {
      ...base,
      temperature: 0.5,
      providerOptions: {
        google: { topK: 40, temperature: 0.1, safetySettings: [{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_NONE" }] },
        gemini: { topK: 8 },
        openai: { service_tier: "flex" },
      },
    };
    expect(convertToGoogleRequest(request, { model: "m", provider: "gemini" }).params.config).toEqual({
      temperature: 0.1,
      topK: 8,
      safetySettings: [{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_NONE" }],
    });
    expect(convertToGoogleRequest(request, options).params.config).toEqual({
      temperature: 0.1,
      topK: 40,
      safetySettings: [{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_NONE" }],
    });
  });

  it("gives function calls from another provider the signature placeholder on Gemini 3 and later only", () => {
    const messages: ChatRequest["messages"] = [
      { role: "user", content: "Weather?" },
      { role: "assistant", toolCalls: [{ id: "call_1", name: "get_weather", arguments: {} }] },
      { role: "tool", toolCallId: "call_1", content: "{}" },
    ];
    const signatureOn = (model: string) => convertToGoogleRequest({ ...base, messages }, { ...options, model }).params.contents;
    expect(signatureOn("gemini-3-flash-preview")).toContainEqual({
      role: "model",
      parts: [{ functionCall: { id: "call_1", name: "get_weather", args: {} }, thoughtSignature: "skip_thought_signature_validator" }],
    });
    expect(signatureOn("gemini-2.5-flash")).toContainEqual({ role: "model", parts: [{ functionCall: { id: "call_1", name: "get_weather", args: {} } }] });
  });
});
