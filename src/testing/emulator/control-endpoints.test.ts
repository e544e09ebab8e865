import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scriptRuleFromJson } from "./control-endpoints.js";
import type { Emulator } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, post } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;
const chat = (model = "gpt-4o") => post(`${emulator.baseURLs.openai}/chat/completions`, { model, messages: [{ role: "user", content: "hi" }] }, authHeaders.openai);

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("control endpoints", () => {
  it("GET /__emulator/requests lists the records as JSON, without keys", async () => {
    await chat();
    const response = await fetch(`${emulator.url}/__emulator/requests`);
    const records = (await response.json()) as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 1, provider: "openai", model: "gpt-4o", status: 200, clientClosed: false, apiKeySuffix: "0001" });
    expect(records[0]).not.toHaveProperty("completed");
  });

  it("POST /__emulator/script adds a rule with a data match", async () => {
    const answer = await post(`${emulator.url}/__emulator/script`, { match: { model: "special" }, times: "Infinity", respond: { type: "error", status: 503 } });
    expect(answer.status).toBe(200);
    expect((await chat()).status).toBe(200);
    expect((await chat("special")).status).toBe(503);
    expect((await chat("special")).status).toBe(503);
  });

  it("POST /__emulator/script refuses a rule it cannot use", async () => {
    const answer = await post(`${emulator.url}/__emulator/script`, { respond: { type: "explode" } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { message: expect.stringContaining("respond.type") as string } });
  });

  it("POST /__emulator/reset clears records and scripts", async () => {
    emulator.script({ respond: { type: "error", status: 500 } });
    await chat("x");
    emulator.script({ respond: { type: "error", status: 500 } });
    expect((await post(`${emulator.url}/__emulator/reset`, {})).status).toBe(200);
    expect(emulator.requests).toHaveLength(0);
    expect((await chat()).status).toBe(200);
  });

  it("answers 404 JSON for anything else, without recording it", async () => {
    const response = await fetch(`${emulator.url}/v1/models`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("not_found");
    expect((await fetch(`${emulator.baseURLs.openai}/chat/completions`)).status).toBe(404);
    expect((await post(`${emulator.url}/v1beta/models/%E0%A4%A:generateContent`, {}, authHeaders.google)).status).toBe(500);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("scriptRuleFromJson", () => {
  it("explains what is wrong", () => {
    expect(scriptRuleFromJson([])).toContain("JSON object");
    expect(scriptRuleFromJson({ provider: "cohere", respond: { type: "hang" } })).toContain("cohere");
    expect(scriptRuleFromJson({ respond: { type: "error" } })).toContain("status");
    expect(scriptRuleFromJson({ respond: { type: "cut" } })).toContain("afterEvents");
    expect(scriptRuleFromJson({ times: 0, respond: { type: "hang" } })).toContain("times");
    expect(scriptRuleFromJson({ match: { user: "x" }, respond: { type: "hang" } })).toContain("user");
  });

  it("turns match data into a predicate", () => {
    const rule = scriptRuleFromJson({ provider: "google", match: { model: "m", stream: true }, respond: { type: "hang" } });
    if (typeof rule === "string") throw new Error(rule);
    expect(rule.provider).toBe("google");
    const record = { model: "m", stream: true } as Parameters<NonNullable<typeof rule.match>>[0];
    expect(rule.match?.(record)).toBe(true);
    expect(rule.match?.({ ...record, stream: false })).toBe(false);
  });
});
