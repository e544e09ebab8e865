import { describe, expect, it } from "vitest";
import type { ProviderResult } from "../types/provider-adapter.js";
import { claimFreshResponse, finalizeResponse } from "./finalize-response.js";

const result: ProviderResult = {
  id: "r1",
  model: "m-2026",
  text: "Hi",
  toolCalls: [{ name: "f", argumentsText: '{"a":1}', providerMetadata: { google: { thoughtSignature: "s" } } }],
  finishReason: "tool_calls",
  rawFinishReason: "STOP",
  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
  raw: { any: "thing" },
  requestId: "req_1",
};
const request = { model: "p/m", messages: [{ role: "user" as const, content: "x" }] };

describe("finalizeResponse", () => {
  it("builds the public response and the assistant message for the next turn", async () => {
    const res = await finalizeResponse(result, "google", request);
    expect(res).toEqual({
      id: "r1",
      provider: "google",
      model: "m-2026",
      text: "Hi",
      toolCalls: [{ id: expect.stringMatching(/^call_/) as string, name: "f", arguments: { a: 1 }, argumentsText: '{"a":1}', providerMetadata: { google: { thoughtSignature: "s" } } }],
      finishReason: "tool_calls",
      rawFinishReason: "STOP",
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      meta: { cached: false, attempts: [], latencyMs: 0, warnings: [], requestId: "req_1" },
      message: { role: "assistant", content: "Hi", toolCalls: res.toolCalls },
      raw: { any: "thing" },
    });
  });

  it("parses rate limits on first read only, and then as a plain value", async () => {
    let parses = 0;
    const res = await finalizeResponse({ ...result, rateLimit: () => (parses++, { requests: { remaining: 5 } }) }, "p", request);
    expect(parses).toBe(0);
    expect(res.meta.rateLimit).toEqual({ requests: { remaining: 5 } });
    expect(res.meta.rateLimit).toEqual({ requests: { remaining: 5 } });
    expect(parses).toBe(1);
    expect(JSON.parse(JSON.stringify(res.meta))).toMatchObject({ rateLimit: { requests: { remaining: 5 } } });
    expect({ ...res.meta }.rateLimit).toEqual({ requests: { remaining: 5 } });
  });

  it("lets a response be completed in place once, by the call that built it", async () => {
    const res = await finalizeResponse(result, "p", request);
    expect(claimFreshResponse(res)).toBe(true);
    expect(claimFreshResponse(res)).toBe(false);
    expect(claimFreshResponse({ ...res })).toBe(false);
  });
});
