/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests walk provider JSON read loosely (WireAnswer.json) */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, parseSse, post, sseJson } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;
let url: string;
const messages = (body: unknown, headers: Record<string, string> = authHeaders.anthropic) => post(url, body, headers);
const user = (content: unknown) => ({ role: "user", content });
const base = { model: "claude-haiku-4-5", max_tokens: 1024, messages: [user("Hello")] };
const weatherTool = { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: { anthropic: ["sk-ant-test-0002", "sk-ant-bearer-0004"] } });
  url = `${emulator.baseURLs.anthropic}/v1/messages`;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("Anthropic validation", () => {
  it("401 authentication_error without a key or with an unknown one", async () => {
    const missing = await messages(base, { "anthropic-version": "2023-06-01" });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" } });
    expect(missing.json.request_id).toBe(missing.headers.get("request-id"));
    const wrong = await messages(base, { "x-api-key": "sk-ant-nope", "anthropic-version": "2023-06-01" });
    expect(wrong.json.error).toEqual({ type: "authentication_error", message: "invalid x-api-key" });
  });

  it("takes the key as a bearer token too, as newer SDKs send it", async () => {
    const answer = await messages(base, { authorization: "Bearer sk-ant-bearer-0004", "anthropic-version": "2023-06-01" });
    expect(answer.status).toBe(200);
    expect(emulator.requests[0]?.apiKeySuffix).toBe("0004");
  });

  it.each([
    ["no anthropic-version header", base, { "x-api-key": "sk-ant-test-0002" }, "anthropic-version: header is required"],
    ["no max_tokens", { model: "c", messages: [user("hi")] }, undefined, "max_tokens: Field required"],
    ["no model", { max_tokens: 10, messages: [user("hi")] }, undefined, "model: Field required"],
    ["no messages", { model: "c", max_tokens: 10 }, undefined, "messages: Field required"],
    ["a system message", { ...base, messages: [{ role: "system", content: "x" }, user("hi")] }, undefined, 'Unexpected role "system"'],
    ["another role", { ...base, messages: [{ role: "tool", content: "x" }] }, undefined, "messages.0.role: Input should be 'user', 'assistant' or 'system'"],
    ["empty content", { ...base, messages: [user("")] }, undefined, "messages.0: all messages must have non-empty content"],
    ["temperature over 1", { ...base, temperature: 1.5 }, undefined, "temperature: Input should be less than or equal to 1"],
    ["a small thinking budget", { ...base, thinking: { type: "enabled", budget_tokens: 100 } }, undefined, "greater than or equal to 1024"],
    ["a budget over max_tokens", { ...base, thinking: { type: "enabled", budget_tokens: 2048 } }, undefined, "`max_tokens` must be greater than `thinking.budget_tokens`"],
    [
      "a tool_use without its tool_result",
      { ...base, messages: [user("hi"), { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "f", input: {} }] }, user("and?")] },
      undefined,
      "`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1",
    ],
    [
      "a tool_result without its tool_use",
      { ...base, messages: [user([{ type: "tool_result", tool_use_id: "toolu_9", content: "x" }])] },
      undefined,
      "unexpected `tool_use_id` found in `tool_result` blocks: toolu_9",
    ],
  ])("400 invalid_request_error for %s", async (_name, body, headers, message) => {
    const answer = await messages(body, headers);
    expect(answer.status).toBe(400);
    expect(answer.json.type).toBe("error");
    expect(answer.json.error.type).toBe("invalid_request_error");
    expect(answer.json.error.message).toContain(message);
  });
});

describe("Anthropic replies", () => {
  it("answers a message with usage and ids", async () => {
    const answer = await messages(base);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ type: "message", role: "assistant", model: "claude-haiku-4-5", stop_reason: "end_turn", stop_sequence: null });
    expect(answer.json.id).toMatch(/^msg_01/);
    expect(answer.json.content).toHaveLength(1);
    expect(answer.json.content[0].type).toBe("text");
    expect(answer.json.usage).toMatchObject({ output_tokens: 24, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(answer.json.usage.input_tokens).toBeGreaterThan(0);
    expect(answer.headers.get("request-id")).toMatch(/^req_011C/);
  });

  it("streams event/data frames in Anthropic's order, with a ping and cumulative usage", async () => {
    const answer = await messages({ ...base, stream: true });
    const events = parseSse(answer.text);
    expect(events.every((event) => event.event !== undefined && JSON.parse(event.data).type === event.event)).toBe(true);
    const types = events.map((event) => event.event);
    expect(types.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(types.filter((type) => type === "content_block_delta")).toHaveLength(24);
    expect(types.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    const data = sseJson(answer.text);
    expect(data[0].message).toMatchObject({ content: [], stop_reason: null, usage: { output_tokens: 1 } });
    expect(data.at(-2)).toMatchObject({ delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 24 } });
  });

  it("thinks first, with a signature, when thinking is on", async () => {
    const body = { ...base, max_tokens: 4096, thinking: { type: "enabled", budget_tokens: 1024 } };
    const content = (await messages(body)).json.content;
    expect(content.map((block: { type: string }) => block.type)).toEqual(["thinking", "text"]);
    expect(content[0].signature.length).toBeGreaterThan(10);
    const deltas = sseJson((await messages({ ...body, stream: true })).text).filter((event) => event.type === "content_block_delta");
    expect(deltas[0].delta.type).toBe("thinking_delta");
    expect(deltas.find((event) => event.delta.type === "signature_delta")?.delta.signature).toBe(content[0].signature);
    expect((await messages({ ...base, thinking: { type: "adaptive" } })).json.content[0].type).toBe("thinking");
  });

  it("calls the forced tool; streams input_json_delta starting with an empty fragment", async () => {
    const other = { name: "other", input_schema: { type: "object", properties: {} } };
    const body = { ...base, tools: [other, weatherTool], tool_choice: { type: "tool", name: "get_weather" } };
    const answer = await messages(body);
    expect(answer.json.stop_reason).toBe("tool_use");
    expect(answer.json.content).toEqual([{ type: "tool_use", id: expect.stringMatching(/^toolu_01/) as string, name: "get_weather", input: { city: "example" } }]);

    const events = sseJson((await messages({ ...body, stream: true })).text);
    const start = events.find((event) => event.type === "content_block_start");
    expect(start.content_block).toMatchObject({ type: "tool_use", name: "get_weather", input: {} });
    const fragments = events.filter((event) => event.type === "content_block_delta").map((event) => event.delta.partial_json as string);
    expect(fragments[0]).toBe("");
    expect(fragments.join("")).toBe('{"city":"example"}');
    expect(events.at(-2).delta.stop_reason).toBe("tool_use");
  });

  it("answers a tool_result with text", async () => {
    const call = { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } };
    const body = { ...base, tools: [weatherTool], messages: [user("hi"), { role: "assistant", content: [call] }, user([{ type: "tool_result", tool_use_id: "toolu_1", content: "21C" }])] };
    const answer = await messages(body);
    expect(answer.json.stop_reason).toBe("end_turn");
    expect(answer.json.content[0].text).toContain("21C");
  });

  it("answers output_config json_schema with the schema's example", async () => {
    const answer = await messages({ ...base, output_config: { format: { type: "json_schema", schema: { ...weatherTool.input_schema, additionalProperties: false } } } });
    expect(JSON.parse(answer.json.content[0].text)).toEqual({ city: "example" });
  });

  it("stops at max_tokens and at stop sequences", async () => {
    const cut = await messages({ ...base, max_tokens: 4 });
    expect(cut.json).toMatchObject({ stop_reason: "max_tokens", usage: { output_tokens: 4 } });
    const full = (await messages(base)).json.content[0].text as string;
    const stop = full.split(" ")[3] as string;
    const stopped = await messages({ ...base, stop_sequences: [stop] });
    expect(stopped.json).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: stop });
    expect(stopped.json.content[0].text).toBe(full.slice(0, full.indexOf(stop)));
  });

  it("sends rate-limit headers with RFC 3339 resets", async () => {
    const answer = await messages(base);
    for (const name of ["requests", "tokens", "input-tokens", "output-tokens"]) {
      expect(Number(answer.headers.get(`anthropic-ratelimit-${name}-limit`))).toBeGreaterThan(0);
      expect(Number(answer.headers.get(`anthropic-ratelimit-${name}-remaining`))).toBeGreaterThanOrEqual(0);
      expect(answer.headers.get(`anthropic-ratelimit-${name}-reset`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });
});
