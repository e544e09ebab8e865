/**
 * Tool call arguments of a zod tool are validated against it, on every provider, for chat and for
 * a stream's final response: typed (`ToolCallOf`) because they are checked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createClient, type Client } from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

let emulator: Emulator;
let llm: Client;
beforeAll(async () => {
  emulator = await startEmulator();
  llm = createClient({ providers: emulator.providers("k"), retry: false });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.reset());

const weather = { name: "get_weather", parameters: z.object({ city: z.string(), days: z.number().int().default(1) }) } as const;
const time = { name: "get_time", parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] } } as const;
const models = ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"] as const;
const messages = [{ role: "user" as const, content: "Weather?" }];

describe("tool call arguments", () => {
  it.each(models)("%s: arguments that match the zod schema are its output (defaults filled in), typed by tool name", async (model) => {
    emulator.script({ respond: { type: "reply", toolCalls: [{ name: "get_weather", arguments: { city: "Lisbon" } }] } });
    const res = await llm.chat({ model, messages, tools: [weather, time] });
    const call = res.toolCalls[0];
    expect(call?.name).toBe("get_weather");
    if (call?.name === "get_weather") {
      // Typed from the zod schema: `days` is a number here without a cast.
      const days: number | undefined = call.arguments?.days;
      expect(days).toBe(1);
      expect(call.arguments).toEqual({ city: "Lisbon", days: 1 });
    }
    expect(call?.argumentsIssues).toBeUndefined();
  });

  it.each(models)("%s: arguments that do not match are undefined, with the issues, and argumentsText keeps what the model sent", async (model) => {
    emulator.script({ respond: { type: "reply", toolCalls: [{ name: "get_weather", arguments: { city: 42 } }] } });
    const res = await llm.chat({ model, messages, tools: [weather] });
    const call = res.toolCalls[0];
    expect(call?.arguments).toBeUndefined();
    expect(call?.argumentsIssues).toEqual([expect.objectContaining({ path: "city" })]);
    expect(JSON.parse(call?.argumentsText ?? "")).toEqual({ city: 42 });
  });

  it("a stream's final response is checked the same way", async () => {
    emulator.script({ respond: { type: "reply", toolCalls: [{ name: "get_weather", arguments: { city: "Porto" } }] } });
    const res = await llm.stream({ model: "anthropic/claude-haiku-4-5", messages, tools: [weather] }).final();
    expect(res.toolCalls[0]?.arguments).toEqual({ city: "Porto", days: 1 });
  });

  it("a JSON Schema tool's arguments stay as parsed, unchecked", async () => {
    emulator.script({ respond: { type: "reply", toolCalls: [{ name: "get_time", arguments: { zone: 7 } }] } });
    const res = await llm.chat({ model: "openai/gpt-4o-mini", messages, tools: [time] });
    expect(res.toolCalls[0]?.arguments).toEqual({ zone: 7 });
    expect(res.toolCalls[0]?.argumentsIssues).toBeUndefined();
  });
});
