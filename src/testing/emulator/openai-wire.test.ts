/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- these tests walk provider JSON read loosely (WireAnswer.json) */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, parseSse, post, sseJson } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;
let url: string;
const chat = (body: unknown, headers: Record<string, string> = authHeaders.openai) => post(url, body, headers);
const user = (content: string) => ({ role: "user", content });
const weatherTool = {
  type: "function",
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city", "unit"], additionalProperties: false } },
};

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: { openai: ["sk-test-0001"] } });
  url = `${emulator.baseURLs.openai}/chat/completions`;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("OpenAI validation", () => {
  it("401 invalid_api_key without a key or with an unknown one, never echoing it", async () => {
    const missing = await chat({ model: "gpt-4o", messages: [user("hi")] }, {});
    expect(missing.status).toBe(401);
    expect(missing.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key", param: null });
    const wrong = await chat({ model: "gpt-4o", messages: [user("hi")] }, { authorization: "Bearer sk-wrong-key-9999" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("invalid_api_key");
    expect(wrong.text).not.toContain("sk-wrong-key-9999");
    expect(wrong.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it.each([
    ["missing model", { messages: [user("hi")] }, null, null],
    ["missing messages", { model: "gpt-4o" }, "messages", "missing_required_parameter"],
    ["empty messages", { model: "gpt-4o", messages: [] }, "messages", "empty_array"],
    ["invalid role", { model: "gpt-4o", messages: [{ role: "robot", content: "x" }] }, "messages[0].role", "invalid_value"],
    ["tool message without id", { model: "gpt-4o", messages: [user("hi"), { role: "tool", content: "x" }] }, "messages.[1].tool_call_id", null],
    ["unanswered tool message", { model: "gpt-4o", messages: [user("hi"), { role: "tool", tool_call_id: "call_1", content: "x" }] }, "messages.[1].role", null],
    [
      "unanswered tool call",
      { model: "gpt-4o", messages: [user("hi"), { role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] }, user("and?")] },
      "messages.[1].role",
      null,
    ],
    ["tool_choice without tools", { model: "gpt-4o", messages: [user("hi")], tool_choice: "auto" }, "tool_choice", null],
    ["stream_options without stream", { model: "gpt-4o", messages: [user("hi")], stream_options: { include_usage: true } }, "stream_options", null],
  ])("400 for %s", async (_name, body, param, code) => {
    const answer = await chat(body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ type: "invalid_request_error", param, code });
    expect(typeof answer.json.error.message).toBe("string");
  });

  it("400 for a body that is not JSON", async () => {
    const answer = await chat("{not json");
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain("could not parse the JSON body");
  });

  it("accepts a tool round trip", async () => {
    const call = { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } };
    const answer = await chat({ model: "gpt-4o", tools: [weatherTool], messages: [user("hi"), { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "21C" }] });
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: expect.stringContaining("21C") as string } });
  });
});

describe("OpenAI replies", () => {
  it("answers a chat.completion with usage and ids, deterministically", async () => {
    const body = { model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief." }, user("Say hello")] };
    const first = await chat(body);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("application/json");
    expect(first.json).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini", service_tier: "default" });
    expect(first.json.id).toMatch(/^chatcmpl-/);
    expect(first.json.system_fingerprint).toMatch(/^fp_/);
    expect(typeof first.json.created).toBe("number");
    const choice = first.json.choices[0];
    expect(choice).toMatchObject({ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", refusal: null } });
    expect(choice.message.content.split(" ")).toHaveLength(24);
    expect(first.json.usage).toMatchObject({ completion_tokens: 24, completion_tokens_details: { reasoning_tokens: 0 }, prompt_tokens_details: { cached_tokens: 0 } });
    expect(first.json.usage.total_tokens).toBe(first.json.usage.prompt_tokens + 24);
    expect((await chat(body)).json.choices[0].message.content).toBe(choice.message.content);
  });

  it("streams data-only SSE with one delta per word, a usage chunk and [DONE]", async () => {
    const answer = await chat({ model: "gpt-4o", stream: true, stream_options: { include_usage: true }, messages: [user("Say hello")] });
    expect(answer.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(answer.text);
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe("[DONE]");
    expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = sseJson(answer.text);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "", refusal: null });
    const words = chunks.flatMap((chunk) => chunk.choices.map((choice: { delta: { content?: string } }) => choice.delta.content ?? "")).filter(Boolean);
    expect(words).toHaveLength(24);
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ object: "chat.completion.chunk", choices: [], usage: { completion_tokens: 24 } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it("streams no usage chunk without include_usage", async () => {
    const chunks = sseJson((await chat({ model: "gpt-4o", stream: true, messages: [user("hi")] })).text);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !("usage" in chunk))).toBe(true);
  });

  it("calls the forced tool with arguments from its schema", async () => {
    const other = { type: "function", function: { name: "other", parameters: { type: "object", properties: {} } } };
    const body = { model: "gpt-4o", tools: [other, weatherTool], tool_choice: { type: "function", function: { name: "get_weather" } }, messages: [user("Weather?")] };
    const answer = await chat(body);
    const message = answer.json.choices[0].message;
    expect(answer.json.choices[0].finish_reason).toBe("tool_calls");
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([{ id: expect.stringMatching(/^call_/) as string, type: "function", function: { name: "get_weather", arguments: '{"city":"example","unit":"c"}' } }]);

    const chunks = sseJson((await chat({ ...body, stream: true })).text);
    const head = chunks[0].choices[0].delta;
    expect(head).toMatchObject({ role: "assistant", content: null, tool_calls: [{ index: 0, type: "function", function: { name: "get_weather", arguments: "" } }] });
    expect(head.tool_calls[0].id).toMatch(/^call_/);
    const fragments = chunks.slice(1, -1).map((chunk) => chunk.choices[0].delta.tool_calls[0].function.arguments as string);
    expect(fragments.length).toBe(3);
    expect(fragments.join("")).toBe('{"city":"example","unit":"c"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("answers json_schema structured output with the schema's example", async () => {
    const answer = await chat({
      model: "gpt-4o",
      messages: [user("JSON please")],
      response_format: { type: "json_schema", json_schema: { name: "w", strict: true, schema: weatherTool.function.parameters } },
    });
    expect(JSON.parse(answer.json.choices[0].message.content)).toEqual({ city: "example", unit: "c" });
  });

  it("respects max_completion_tokens, max_tokens and stop", async () => {
    const cut = await chat({ model: "gpt-4o", messages: [user("Talk")], max_completion_tokens: 3 });
    expect(cut.json.choices[0].finish_reason).toBe("length");
    expect(cut.json.usage.completion_tokens).toBe(3);
    expect((await chat({ model: "gpt-4o", messages: [user("Talk")], max_tokens: 2 })).json.usage.completion_tokens).toBe(2);
    const full = (await chat({ model: "gpt-4o", messages: [user("Talk")] })).json.choices[0].message.content as string;
    const stop = full.split(" ")[2] as string;
    const stopped = await chat({ model: "gpt-4o", messages: [user("Talk")], stop: [stop] });
    expect(stopped.json.choices[0].finish_reason).toBe("stop");
    expect(stopped.json.choices[0].message.content).toBe(full.slice(0, full.indexOf(stop)));
  });

  it("reports reasoning tokens for reasoning_effort", async () => {
    const usage = (await chat({ model: "o3-mini", reasoning_effort: "low", messages: [user("Think")] })).json.usage;
    expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBe(24 + usage.completion_tokens_details.reasoning_tokens);
  });

  it("answers OpenAI-compatible base URLs with any prefix", async () => {
    const answer = await post(`${emulator.url}/openai/v1/chat/completions`, { model: "llama", messages: [user("hi")] }, authHeaders.openai);
    expect(answer.status).toBe(200);
    expect(emulator.requests[0]?.path).toBe("/openai/v1/chat/completions");
  });

  it("sends x-request-id and rate-limit headers with Go-duration resets", async () => {
    const answer = await chat({ model: "gpt-4o", messages: [user("hi")] });
    expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
    expect(Number(answer.headers.get("x-ratelimit-limit-requests"))).toBeGreaterThan(0);
    expect(Number(answer.headers.get("x-ratelimit-remaining-requests"))).toBe(Number(answer.headers.get("x-ratelimit-limit-requests")) - 1);
    expect(Number(answer.headers.get("x-ratelimit-remaining-tokens"))).toBeLessThan(Number(answer.headers.get("x-ratelimit-limit-tokens")));
    expect(answer.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?\d+(\.\d+)?s$|^\d+ms$/);
  });
});
