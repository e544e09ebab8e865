import { describe, expect, it } from "vitest";
import { validateAnthropicRequest } from "./anthropic-validate.js";
import { createThinkingSigner } from "./thinking-signer.js";

const modern = { "anthropic-version": "2026-10-21" };
const legacy = { "anthropic-version": "2023-06-01" };
const base = { model: "claude-sonnet-4-5", max_tokens: 4096, messages: [{ role: "user", content: "hi" }] };
const tools = [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }];
const closed = { type: "object", properties: { age: { type: "integer" } }, required: ["age"], additionalProperties: false };

const signer = createThinkingSigner();

function messageOf(body: unknown, headers: Record<string, string> = modern): string | undefined {
  const answer = validateAnthropicRequest(body, headers, "req_1", signer) as { status: number; body: { error: { type: string; message: string } } } | undefined;
  if (answer) expect(answer).toMatchObject({ status: 400, body: { type: "error", error: { type: "invalid_request_error" } } });
  return answer?.body.error.message;
}

describe("validateAnthropicRequest", () => {
  it.each([
    ["an extra input", { ...base, top_k: 5 }, "top_k: Extra inputs are not permitted"],
    ["sampling on the 2026-10-21 API", { ...base, temperature: 0.5 }, "temperature: Extra inputs are not permitted"],
    ["a budget under 1024", { ...base, thinking: { type: "enabled", budget_tokens: 512 } }, "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"],
    ["thinking with tool_choice any", { ...base, tools, tool_choice: { type: "any" }, thinking: { type: "enabled", budget_tokens: 2048 } }, "Thinking may not be enabled when tool_choice forces tool use."],
    ["adaptive thinking with a named tool", { ...base, tools, tool_choice: { type: "tool", name: "get_weather" }, thinking: { type: "adaptive" } }, "Thinking may not be enabled when tool_choice forces tool use."],
    ["an unknown tool_choice", { ...base, tools, tool_choice: { type: "required" } }, "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'"],
    ["an unknown effort", { ...base, output_config: { effort: "minimal" } }, "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"],
    ["a tool name with a space", { ...base, tools: [{ ...tools[0], name: "get weather" }] }, "tools.0.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"],
    ["a fractional max_tokens", { ...base, max_tokens: 10.5 }, "max_tokens: Input should be a valid integer"],
    ["a stop sequence that is not a string", { ...base, stop_sequences: ["a", 3] }, "stop_sequences.1: Input should be a valid string"],
    [
      "integer bounds in a structured-output schema",
      { ...base, output_config: { format: { type: "json_schema", schema: { ...closed, properties: { age: { type: "integer", minimum: 0 } } } } } },
      "output_config.format.schema: For 'integer' type, property 'minimum' is not supported",
    ],
    [
      "string lengths in a structured-output schema",
      { ...base, output_config: { format: { type: "json_schema", schema: { ...closed, properties: { age: { type: "string", maxLength: 3 } } } } } },
      "For 'string' type, property 'maxLength' is not supported",
    ],
    ["an open object in a structured-output schema", { ...base, output_config: { format: { type: "json_schema", schema: { type: "object", properties: {} } } } }, "'additionalProperties' must be explicitly set to false"],
    [
      "minItems 2 in a structured-output schema",
      { ...base, output_config: { format: { type: "json_schema", schema: { ...closed, properties: { age: { type: "array", items: { type: "string" }, minItems: 2 } } } } } },
      "'minItems' values other than 0 or 1 are not supported",
    ],
    [
      "a reference outside the schema",
      { ...base, output_config: { format: { type: "json_schema", schema: { ...closed, properties: { age: { $ref: "#/definitions/Age" } } } } } },
      "Reference '#/definitions/Age' could not be resolved",
    ],
  ])("rejects %s", (_, body, message) => {
    expect(messageOf(body)).toContain(message);
  });

  it("takes sampling parameters, in range, and no system turn, on API versions before 2026-10-21", () => {
    expect(messageOf({ ...base, temperature: 0.5, top_k: 5, top_p: 0.9 }, legacy)).toBeUndefined();
    expect(messageOf({ ...base, temperature: 1.5 }, legacy)).toBe("temperature: Input should be less than or equal to 1");
    expect(messageOf({ ...base, messages: [{ role: "system", content: "x" }, ...base.messages] }, legacy)).toContain('Unexpected role "system"');
    expect(messageOf({ ...base, messages: [...base.messages, { role: "system", content: "be brief" }, { role: "user", content: "go" }] })).toBeUndefined();
  });

  it("accepts what the SDK's types allow", () => {
    for (const body of [
      base,
      { ...base, max_tokens: 0 },
      { ...base, tools, tool_choice: { type: "any" } },
      { ...base, tools, tool_choice: { type: "any" }, thinking: { type: "disabled" } },
      { ...base, tools, tool_choice: { type: "auto" }, thinking: { type: "enabled", budget_tokens: 1024 } },
      { ...base, thinking: { type: "adaptive" }, output_config: { effort: "xhigh", format: { type: "json_schema", schema: closed } } },
      {
        ...base,
        output_config: {
          format: {
            type: "json_schema",
            schema: {
              ...closed,
              properties: {
                at: { type: "string", format: "date-time", description: "{minLength: 3}" },
                code: { type: "string", pattern: "^[A-Z]{3}$" },
                tags: { type: "array", items: { $ref: "#/$defs/Tag" }, minItems: 1 },
              },
              required: ["at", "code", "tags"],
              $defs: { Tag: { type: "string" } },
            },
          },
        },
      },
      { ...base, service_tier: "standard_only", metadata: { user_id: "u-1" }, stop_sequences: ["END"] },
    ]) {
      expect(messageOf(body)).toBeUndefined();
    }
  });

  describe("replayed thinking", () => {
    const text = "Need the weather first.";
    const use = { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} };
    const result = { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "21" }] };
    const manual = { type: "enabled", budget_tokens: 2048 };
    const turn = (...content: object[]) => ({ ...base, tools, messages: [...base.messages, { role: "assistant", content }, result] });

    it("takes a thinking block it signed, and redacted thinking, and a tool turn without thinking while thinking is off", () => {
      expect(messageOf({ ...turn({ type: "thinking", thinking: text, signature: signer.sign(text) }, use), thinking: manual })).toBeUndefined();
      expect(messageOf({ ...turn({ type: "redacted_thinking", data: "EmwKAhgB" }, use), thinking: manual })).toBeUndefined();
      expect(messageOf(turn(use))).toBeUndefined();
      expect(messageOf({ ...turn(use), thinking: { type: "disabled" } })).toBeUndefined();
    });

    it("refuses a thinking block signed elsewhere, edited, or without a signature", () => {
      const other = createThinkingSigner();
      expect(messageOf(turn({ type: "thinking", thinking: text, signature: other.sign(text) }, use))).toBe("messages.1.content.0: Invalid `signature` in `thinking` block");
      expect(messageOf(turn({ type: "thinking", thinking: `${text} Edited.`, signature: signer.sign(text) }, use))).toBe("messages.1.content.0: Invalid `signature` in `thinking` block");
      expect(messageOf(turn({ type: "thinking", thinking: text }, use))).toBe("messages.1.content.0.thinking.signature: Field required");
    });

    it("refuses, with manual thinking on, tool results for a turn that does not start with thinking", () => {
      expect(messageOf({ ...turn({ type: "text", text: "Checking." }, use), thinking: manual })).toMatch(
        /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `text`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block/,
      );
      expect(messageOf({ ...turn(use), thinking: manual })).toContain("but found `tool_use`");
    });
  });
});
