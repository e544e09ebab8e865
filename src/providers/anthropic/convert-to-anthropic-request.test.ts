import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatRequest } from "../../core/types/chat-request.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_JSON_INSTRUCTION, convertToAnthropicRequest } from "./convert-to-anthropic-request.js";

const base: ChatRequest = { model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }] };
const options = { model: "claude-haiku-4-5", provider: "anthropic" };

describe("convertToAnthropicRequest", () => {
  it("sends model, messages and the default max_tokens", () => {
    expect(ANTHROPIC_DEFAULT_MAX_TOKENS).toBe(4096);
    expect(convertToAnthropicRequest(base, options)).toEqual({
      body: { model: "claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], max_tokens: 4096 },
      warnings: [],
    });
  });

  it("maps system, maxTokens and stop", () => {
    const { body } = convertToAnthropicRequest(
      { ...base, messages: [{ role: "system", content: "Be brief." }, ...base.messages], maxTokens: 200, stop: "Paris" },
      options,
    );
    expect(body).toEqual({
      model: "claude-haiku-4-5",
      system: "Be brief.",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 200,
      stop_sequences: ["Paris"],
    });
  });

  it("warns about what Anthropic cannot take instead of sending it: seed, temperature, topP", () => {
    const { body, warnings } = convertToAnthropicRequest({ ...base, seed: 7, temperature: 0.2, topP: 0.9 }, options);
    expect(body).toEqual({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], max_tokens: 4096 });
    expect(warnings).toEqual([
      { type: "unsupported", setting: "temperature", message: "not sent: the Anthropic API (version 2026-10-21) rejects temperature" },
      { type: "unsupported", setting: "topP", message: "not sent: the Anthropic API (version 2026-10-21) rejects topP" },
      { type: "unsupported", setting: "seed", message: "Anthropic has no seed" },
    ]);
  });

  it("sends thinking with a budget and raises max_tokens when the budget needs it", () => {
    const { body, warnings } = convertToAnthropicRequest({ ...base, maxTokens: 2000, reasoning: { budgetTokens: 3000 } }, options);
    expect(body).toMatchObject({ max_tokens: 7096, thinking: { type: "enabled", budget_tokens: 3000 } });
    expect(warnings).toMatchObject([{ type: "other", setting: "maxTokens" }]);
  });

  it("maps tools (zod and JSON Schema) and every tool choice", () => {
    const tools = [
      { name: "get_weather", description: "Weather for a city", parameters: z.object({ city: z.string() }) },
      { name: "noop", parameters: { type: "object", properties: {} } },
    ];
    const { body } = convertToAnthropicRequest({ ...base, tools, toolChoice: "required" }, options);
    expect(body.tools).toEqual([
      {
        name: "get_weather",
        description: "Weather for a city",
        input_schema: {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
          additionalProperties: false,
        },
      },
      { name: "noop", input_schema: { type: "object", properties: {} } },
    ]);
    expect(body.tool_choice).toEqual({ type: "any" });
    const choice = (toolChoice: ChatRequest["toolChoice"]) => convertToAnthropicRequest({ ...base, tools, toolChoice }, options).body.tool_choice;
    expect(choice("auto")).toEqual({ type: "auto" });
    expect(choice("none")).toEqual({ type: "none" });
    expect(choice({ name: "noop" })).toEqual({ type: "tool", name: "noop" });
    expect(choice(undefined)).toBeUndefined();
  });

  it.each(["auto", "none"] as const)("leaves out tool choice %j when there are no tools", (toolChoice) => {
    expect(convertToAnthropicRequest({ ...base, toolChoice }, options).body).not.toHaveProperty("tool_choice");
  });

  it.each([
    ["required", { budgetTokens: 2048 }],
    ["required", { effort: "low" }],
    [{ name: "noop" }, { budgetTokens: 2048 }],
  ] as const)("rejects thinking with a forced tool choice %j before sending (%j)", (toolChoice, reasoning) => {
    const tools = [{ name: "noop", parameters: { type: "object" } }];
    expect(() => convertToAnthropicRequest({ ...base, tools, toolChoice, reasoning }, options)).toThrow(
      "toolChoice: Anthropic does not allow thinking when tool choice forces tool use",
    );
  });

  it("forces a tool when thinking is off, or left to the model", () => {
    const tools = [{ name: "noop", parameters: { type: "object" } }];
    for (const reasoning of [undefined, { effort: "none" }, { budgetTokens: 0 }] as const) {
      expect(convertToAnthropicRequest({ ...base, tools, toolChoice: "required", ...(reasoning ? { reasoning } : {}) }, options).body.tool_choice).toEqual({ type: "any" });
    }
    expect(convertToAnthropicRequest({ ...base, tools, toolChoice: "auto", reasoning: { budgetTokens: 2048 } }, options).body.tool_choice).toEqual({ type: "auto" });
  });

  it("moves what structured outputs do not take into descriptions, and says so", () => {
    const schema = z.object({ age: z.number().int().min(0), name: z.string().min(1).max(40), tags: z.array(z.string()).min(2) });
    const { body, warnings } = convertToAnthropicRequest({ ...base, responseFormat: { type: "json", schema } }, options);
    expect(body.output_config?.format?.schema).toEqual({
      type: "object",
      properties: {
        age: { type: "integer", description: "{minimum: 0, maximum: 9007199254740991}" },
        name: { type: "string", description: "{minLength: 1, maxLength: 40}" },
        tags: { type: "array", items: { type: "string" }, description: "{minItems: 2}" },
      },
      required: ["age", "name", "tags"],
      additionalProperties: false,
    });
    expect(warnings).toEqual([
      {
        type: "other",
        setting: "responseFormat.schema",
        message: expect.stringContaining("#/properties/age: minimum, maximum; #/properties/name: minLength, maxLength; #/properties/tags: minItems") as string,
      },
    ]);
  });

  it("puts a schema format and an effort into one output_config", () => {
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    const { body } = convertToAnthropicRequest({ ...base, responseFormat: { type: "json", schema }, reasoning: { effort: "low" } }, options);
    expect(body.output_config).toEqual({ effort: "low", format: { type: "json_schema", schema } });
    expect(body.thinking).toEqual({ type: "adaptive" });
    expect(body.system).toBeUndefined();
  });

  it("asks for JSON in the system prompt when no schema is given", () => {
    const { body } = convertToAnthropicRequest(
      { ...base, messages: [{ role: "system", content: "You extract data." }, ...base.messages], responseFormat: { type: "json" } },
      options,
    );
    expect(body.system).toBe(`You extract data.\n\n${ANTHROPIC_JSON_INSTRUCTION}`);
    expect(body.output_config).toBeUndefined();
  });

  it("merges providerOptions verbatim and last: the type's key, then the provider name's", () => {
    const { body } = convertToAnthropicRequest(
      {
        ...base,
        maxTokens: 100,
        providerOptions: {
          anthropic: { max_tokens: 300, inference_geo: "us", service_tier: "auto" },
          work: { service_tier: "standard_only" },
          openai: { service_tier: "flex" },
        },
      },
      { model: "claude-haiku-4-5", provider: "work" },
    );
    expect(body).toEqual({
      model: "claude-haiku-4-5",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 300,
      inference_geo: "us",
      service_tier: "standard_only",
    });
  });

  describe("continuing a tool-use turn from another provider", () => {
    const call = { id: "call_1", name: "get_weather", arguments: { city: "Oslo" } };
    const answer = { role: "tool", toolCallId: "call_1", content: '{"temp": 21}' } as const;
    const thinking = { type: "thinking", thinking: "Need the weather.", signature: "EqQBCkYIBxgC" };

    it("turns thinking off for that step, and says so: the turn does not start with Claude's thinking", () => {
      const foreign = { role: "assistant", toolCalls: [call], providerMetadata: { google: { thoughtSignature: "Cs0BAdHt" } } } as const;
      const { body, warnings } = convertToAnthropicRequest({ ...base, messages: [...base.messages, foreign, answer], reasoning: { budgetTokens: 2048 } }, options);
      expect(body.thinking).toEqual({ type: "disabled" });
      expect(body.messages[1]).toEqual({ role: "assistant", content: [{ type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Oslo" } }] });
      expect(warnings).toEqual([expect.objectContaining({ type: "other", setting: "reasoning", message: expect.stringContaining("thinking turned off") as string })]);
    });

    it("keeps thinking on when the turn replays Claude's own thinking", () => {
      const own = { role: "assistant", toolCalls: [call], providerMetadata: { anthropic: { thinking: [thinking] } } } as const;
      const { body, warnings } = convertToAnthropicRequest({ ...base, messages: [...base.messages, own, answer], reasoning: { effort: "low" } }, options);
      expect(body.thinking).toEqual({ type: "adaptive" });
      expect(body.messages[1]?.content).toEqual([thinking, { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Oslo" } }]);
      expect(warnings).toEqual([]);
    });

    it("keeps thinking on for a new user turn after another provider's tool use", () => {
      const foreign = { role: "assistant", toolCalls: [call] } as const;
      const { body } = convertToAnthropicRequest({ ...base, messages: [...base.messages, foreign, answer, { role: "assistant", content: "21 degrees." }, { role: "user", content: "Thanks" }], reasoning: { budgetTokens: 2048 } }, options);
      expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    });
  });
});
