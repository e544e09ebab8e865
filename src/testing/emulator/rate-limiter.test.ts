/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- these tests walk provider JSON read loosely (WireAnswer.json) */
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator, EmulatorOptions } from "./emulator-options.js";
import { startEmulator } from "./start-emulator.js";
import { authHeaders, post } from "../../../test/helpers/wire-test-client.js";

let emulator: Emulator | undefined;
let clock = 0;
const now = () => clock;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(rateLimits: EmulatorOptions["rateLimits"]): Promise<Emulator> {
  clock = Date.parse("2025-01-01T00:00:00Z");
  emulator = await startEmulator({ rateLimits, now });
  return emulator;
}

const openai = (e: Emulator, body: object = {}) => post(`${e.baseURLs.openai}/chat/completions`, { model: "gpt-4o", messages: [{ role: "user", content: "Hello" }], ...body }, authHeaders.openai);
const anthropic = (e: Emulator) => post(`${e.url}/v1/messages`, { model: "claude", max_tokens: 10, messages: [{ role: "user", content: "Hello" }] }, authHeaders.anthropic);
const google = (e: Emulator) => post(`${e.url}/v1beta/models/gemini-2.5-flash:generateContent`, { contents: [{ role: "user", parts: [{ text: "Hello" }] }] }, authHeaders.google);

describe("rate limits", () => {
  it("OpenAI: counts down, answers 429 requests/rate_limit_exceeded past the limit, and frees the window after 60 s", async () => {
    const e = await start({ openai: { requestsPerMinute: 2 } });
    const first = await openai(e);
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.headers.get("x-ratelimit-reset-requests")).toBe("1m0s");
    clock += 20_000;
    expect((await openai(e)).headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const refused = await openai(e);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
    expect(refused.headers.get("retry-after")).toBe("40");
    expect(refused.headers.get("retry-after-ms")).toBe("40000");
    clock += 40_000;
    expect((await openai(e)).status).toBe(200);
  });

  it("OpenAI: tokensPerMinute counts input plus expected output", async () => {
    const e = await start({ openai: { tokensPerMinute: 40 } });
    expect((await openai(e, { max_tokens: 20 })).status).toBe(200);
    const refused = await openai(e, { max_tokens: 20 });
    expect(refused.status).toBe(429);
    expect(refused.json.error.type).toBe("tokens");
  });

  it("Anthropic: 429 rate_limit_error with retry-after", async () => {
    const e = await start({ anthropic: { requestsPerMinute: 1 } });
    const first = await anthropic(e);
    expect(first.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(first.headers.get("anthropic-ratelimit-requests-reset")).toBe("2025-01-01T00:01:00Z");
    clock += 59_500;
    const refused = await anthropic(e);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("Gemini: 429 RESOURCE_EXHAUSTED with a per-minute quota and a retryDelay", async () => {
    const e = await start({ google: { requestsPerMinute: 1 } });
    expect((await google(e)).status).toBe(200);
    clock += 23_000;
    const refused = await google(e);
    expect(refused.status).toBe(429);
    expect(refused.json.error.status).toBe("RESOURCE_EXHAUSTED");
    const [quota, retry] = refused.json.error.details;
    expect(quota.violations[0].quotaId).toContain("PerMinute");
    expect(retry).toEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" });
  });

  it("limits each provider apart, and refused requests do not count", async () => {
    const e = await start({ openai: { requestsPerMinute: 1 } });
    await openai(e);
    expect((await openai(e)).status).toBe(429);
    expect((await openai(e)).status).toBe(429);
    expect((await anthropic(e)).status).toBe(200);
    clock += 60_000;
    expect((await openai(e)).headers.get("x-ratelimit-remaining-requests")).toBe("0");
  });

  it("sends headers with high defaults when no limit is set", async () => {
    const e = await start({});
    const answer = await openai(e);
    expect(Number(answer.headers.get("x-ratelimit-limit-requests"))).toBeGreaterThanOrEqual(1000);
  });
});
