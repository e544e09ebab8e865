import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "./emulator-options.js";
import { keySuffix } from "./record-request.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, post } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator;
const secret = "sk-record-secret-7777";

beforeAll(async () => {
  emulator = await startEmulator({ now: () => 1_700_000_000_000 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("recording", () => {
  it("records every request, rejected ones too, with keys redacted", async () => {
    await post(`${emulator.baseURLs.openai}/chat/completions`, { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }, { authorization: `Bearer ${secret}` });
    await post(`${emulator.url}/v1/messages`, { model: "claude", messages: [] }, { "x-api-key": secret });
    await post(`${emulator.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=${secret}`, { contents: [{ parts: [{ text: "hi" }] }] });
    const [openai, anthropic, google] = emulator.requests;
    expect(openai).toMatchObject({ id: 1, provider: "openai", method: "POST", path: "/v1/chat/completions", model: "gpt-4o", stream: false, status: 200, apiKeySuffix: "7777", receivedAt: 1_700_000_000_000 });
    expect(openai?.headers.authorization).toBe("[redacted]");
    expect(openai?.body).toEqual({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(anthropic).toMatchObject({ id: 2, provider: "anthropic", status: 400, apiKeySuffix: "7777" });
    expect(anthropic?.headers["x-api-key"]).toBe("[redacted]");
    expect(google).toMatchObject({ id: 3, provider: "google", model: "gemini-2.5-flash", stream: true, query: { alt: "sse", key: "[redacted]" } });
    expect(JSON.stringify(emulator.requests)).not.toContain(secret);
  });

  it("keeps an unparsable body as text", async () => {
    await post(`${emulator.baseURLs.openai}/chat/completions`, "{oops", authHeaders.openai);
    expect(emulator.requests[0]).toMatchObject({ body: "{oops", status: 400 });
  });

  it("sees a client leave an unfinished stream", async () => {
    emulator.script({ respond: { type: "reply", text: Array.from({ length: 100 }, (_, i) => `w${i}`).join(" "), chunkDelayMs: 5 } });
    const controller = new AbortController();
    const response = await fetch(`${emulator.baseURLs.openai}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders.openai },
      body: JSON.stringify({ model: "gpt-4o", stream: true, messages: [{ role: "user", content: "hi" }] }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const record = emulator.requests[0];
    await record?.completed;
    expect(record).toMatchObject({ status: 200, clientClosed: true });
  });

  it("does not blame the client for a finished response", async () => {
    await post(`${emulator.baseURLs.openai}/chat/completions`, { model: "gpt-4o", stream: true, messages: [{ role: "user", content: "hi" }] }, authHeaders.openai);
    await emulator.requests[0]?.completed;
    expect(emulator.requests[0]?.clientClosed).toBe(false);
  });

  it("keeps at most 4 characters of a key, and never more than half", () => {
    expect(keySuffix("sk-abcdef-1234")).toBe("1234");
    expect(keySuffix("abcdef")).toBe("def");
    expect(keySuffix("k")).toBe("");
  });
});
