/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- these tests walk provider JSON read loosely (WireAnswer.json) */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, post, sseJson } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;
const generate = (body: unknown, headers: Record<string, string> = authHeaders.google, model = "gemini-2.5-flash") =>
  post(`${emulator.url}/v1beta/models/${model}:generateContent`, body, headers);
const streamGenerate = (body: unknown) => post(`${emulator.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, body, authHeaders.google);
const user = (text: string) => ({ role: "user", parts: [{ text }] });
const base = { contents: [user("Hello")] };
const weather = { name: "get_weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: { google: ["AIza-test-0003"] } });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("Gemini validation", () => {
  it("403 PERMISSION_DENIED without a key", async () => {
    const answer = await generate(base, {});
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
  });

  it("400 API_KEY_INVALID for an unknown key; ?key= works too", async () => {
    const wrong = await generate(base, { "x-goog-api-key": "AIza-wrong" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT", message: "API key not valid. Please pass a valid API key." });
    expect(wrong.json.error.details[0]).toMatchObject({ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" });
    const byQuery = await post(`${emulator.url}/v1beta/models/gemini-2.5-flash:generateContent?key=AIza-test-0003`, base);
    expect(byQuery.status).toBe(200);
    expect(emulator.requests.at(-1)?.query.key).toBe("[redacted]");
  });

  it.each([
    ["no contents", {}, "contents is not specified"],
    ["empty contents", { contents: [] }, "contents is not specified"],
    ["a system role", { contents: [{ role: "system", parts: [{ text: "x" }] }] }, "Please use a valid role: user, model."],
    ["empty parts", { contents: [{ role: "user", parts: [] }] }, "must not be empty"],
    ["a response without a call", { contents: [{ role: "user", parts: [{ functionResponse: { name: "f", response: {} } }] }] }, "function response turn comes immediately after a function call turn"],
  ])("400 INVALID_ARGUMENT for %s", async (_name, body, message) => {
    const answer = await generate(body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(answer.json.error.message).toContain(message);
  });

  it("400 for a body that is not JSON", async () => {
    const answer = await generate("nope");
    expect(answer.json.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  });
});

describe("Gemini replies", () => {
  it("answers a GenerateContentResponse, taking the model from the path", async () => {
    const answer = await generate(base, authHeaders.google, "gemini-2.0-flash");
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ modelVersion: "gemini-2.0-flash", candidates: [{ finishReason: "STOP", index: 0, content: { role: "model" } }] });
    expect(typeof answer.json.responseId).toBe("string");
    expect(answer.json.candidates[0].content.parts[0].text.split(" ")).toHaveLength(24);
    const usage = answer.json.usageMetadata;
    expect(usage).toMatchObject({ candidatesTokenCount: 24 });
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + 24);
    expect(emulator.requests[0]).toMatchObject({ model: "gemini-2.0-flash", stream: false });
    expect(answer.headers.get("x-ratelimit-limit-requests")).toBeNull();
  });

  it("streams CRLF-framed data chunks with finishReason and usage in the last one", async () => {
    const answer = await streamGenerate(base);
    expect(answer.text).toMatch(/^data: \{.*\}\r\n\r\n/);
    expect(answer.text).not.toContain("[DONE]");
    const chunks = sseJson(answer.text);
    expect(chunks).toHaveLength(24);
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates[0].finishReason === undefined)).toBe(true);
    expect(chunks.at(-1).candidates[0].finishReason).toBe("STOP");
    expect(chunks.at(-1).usageMetadata.candidatesTokenCount).toBe(24);
    expect(emulator.requests[0]?.stream).toBe(true);
  });

  it("calls the allowed function, with no id and finish STOP", async () => {
    const other = { name: "other", parameters: { type: "OBJECT", properties: {} } };
    const body = { ...base, tools: [{ functionDeclarations: [other, weather] }], toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } } };
    const candidate = (await generate(body)).json.candidates[0];
    expect(candidate.finishReason).toBe("STOP");
    expect(candidate.content.parts).toEqual([{ functionCall: { name: "get_weather", args: { city: "example" } } }]);
    const chunks = sseJson((await streamGenerate(body)).text);
    expect(chunks.at(-1).candidates[0].content.parts[0].functionCall).toEqual({ name: "get_weather", args: { city: "example" } });
  });

  it("answers function responses with text", async () => {
    const body = {
      tools: [{ functionDeclarations: [weather] }],
      contents: [user("hi"), { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Oslo" } } }] }, { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 21 } } }] }],
    };
    const part = (await generate(body)).json.candidates[0].content.parts[0];
    expect(part.text).toContain('{"temp":21}');
  });

  it("answers responseJsonSchema and responseSchema with the schema's example", async () => {
    const jsonSchema = await generate({ ...base, generationConfig: { responseMimeType: "application/json", responseJsonSchema: weather.parametersJsonSchema } });
    expect(JSON.parse(jsonSchema.json.candidates[0].content.parts[0].text)).toEqual({ city: "example" });
    const openApi = await generate({ ...base, generationConfig: { responseMimeType: "application/json", responseSchema: { type: "OBJECT", properties: { n: { type: "INTEGER" } }, required: ["n"] } } });
    expect(JSON.parse(openApi.json.candidates[0].content.parts[0].text)).toEqual({ n: 1 });
  });

  it("stops at maxOutputTokens with MAX_TOKENS", async () => {
    const answer = await generate({ ...base, generationConfig: { maxOutputTokens: 5 } });
    expect(answer.json.candidates[0].finishReason).toBe("MAX_TOKENS");
    expect(answer.json.usageMetadata.candidatesTokenCount).toBe(5);
  });

  it("adds a thought part and thoughtsTokenCount with includeThoughts", async () => {
    const answer = await generate({ ...base, generationConfig: { thinkingConfig: { includeThoughts: true } } });
    const [thought, text] = answer.json.candidates[0].content.parts;
    expect(thought.thought).toBe(true);
    expect(text.thought).toBeUndefined();
    const usage = answer.json.usageMetadata;
    expect(usage.thoughtsTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount);
  });

  it("signs Gemini 3's first function call, and takes it back; refuses a replayed call without a signature", async () => {
    const body = { ...base, tools: [{ functionDeclarations: [weather] }] };
    const [call] = (await generate(body, authHeaders.google, "gemini-3-flash-preview")).json.candidates[0].content.parts;
    expect(call).toEqual({ functionCall: { name: "get_weather", args: { city: "example" } }, thoughtSignature: expect.any(String) });
    const replay = (part: object) => ({ ...body, contents: [user("hi"), { role: "model", parts: [part] }, { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 21 } } }] }] });
    expect((await generate(replay(call), authHeaders.google, "gemini-3-flash-preview")).status).toBe(200);
    const unsigned = await generate(replay({ functionCall: call.functionCall }), authHeaders.google, "gemini-3-flash-preview");
    expect(unsigned.status).toBe(400);
    expect(unsigned.json.error.message).toContain("Function call is missing a thought_signature in functionCall parts");
    // Gemini 2.5 neither signs here nor checks.
    expect((await generate(body)).json.candidates[0].content.parts[0].thoughtSignature).toBeUndefined();
    expect((await generate(replay({ functionCall: call.functionCall }))).status).toBe(200);
  });
});
