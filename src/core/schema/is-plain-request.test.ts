import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isPlainRequest } from "./is-plain-request.js";
import { chatRequestSchema } from "./request-schema.js";

/** A deterministic pseudo-random source, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const zodTool = { name: "lookup", parameters: z.object({ q: z.string() }) };
class NotPlain {
  readonly type = "object";
}

/** Candidate values per field: mostly valid, some subtly invalid, some for the slow path. */
const fields: Record<string, unknown[]> = {
  model: ["openai/gpt-4o", "", 3, "fast"],
  maxTokens: [100, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, "10"],
  temperature: [0, 0.7, 2, 2.1, -0.1, Number.NaN, "1"],
  topP: [1, 0.5, 0, 1.1],
  seed: [1, -5, 0.5],
  timeoutMs: [1000, 0, 2.5],
  stop: ["END", ["a", "b"], [], "", ["ok", ""], 7],
  toolChoice: ["auto", "none", "required", { name: "lookup" }, { name: "" }, { name: "x", extra: 1 }, "any"],
  responseFormat: [{ type: "json" }, { type: "json", schema: { type: "object" } }, { type: "json", schema: z.object({}) }, { type: "text" }, { type: "json", name: "" }, { type: "json", schema: new NotPlain() }, { type: "json", extra: true }],
  tools: [[zodTool], [{ name: "bad name", parameters: {} }], [{ name: "t", parameters: new NotPlain() }], [{ name: "t", parameters: {}, strict: true }], "tools"],
  metadata: [{ tenant: "a" }, { tenant: 1 }, new NotPlain()],
  providerOptions: [{ openai: { store: false } }, { openai: "x" }, { openai: new NotPlain() }],
  signal: [new AbortController().signal, {}],
  reasoning: [{ effort: "low" }],
  cache: [{ mode: "bypass" }],
  max_tokens: [10],
};

const messages: unknown[] = [
  { role: "user", content: "hi" },
  { role: "user", content: [{ type: "text", text: "hi" }] },
  { role: "user", content: [] },
  { role: "user", content: [{ type: "text", text: "hi", cache: true }] },
  { role: "user", content: [{ type: "image", url: "https://x.test/a.png" }] },
  { role: "system", content: "be brief" },
  { role: "system", content: "x", name: "sys" },
  { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "lookup", arguments: {}, truncated: true }] },
  { role: "assistant", content: "ok", providerMetadata: { anthropic: { thinking: [] } } },
  { role: "assistant", content: "ok", providerMetadata: { anthropic: 1 } },
  { role: "assistant", toolCalls: [{ id: "", name: "x" }] },
  { role: "tool", toolCallId: "c1", content: "42" },
  { role: "tool", toolCallId: "c1", content: "42", isError: "yes" },
  { role: "tool", content: "42" },
  { role: "robot", content: "x" },
  "not a message",
];

describe("isPlainRequest", () => {
  it("never accepts what the schema rejects (10 000 generated requests)", () => {
    const next = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    let fast = 0;
    for (let i = 0; i < 10_000; i++) {
      const request: Record<string, unknown> = { model: "openai/gpt-4o", messages: Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(messages)) };
      for (const [field, values] of Object.entries(fields)) if (next() < 0.15) request[field] = pick(values);
      if (next() < 0.05) request.messages = pick([[], "x", undefined]);
      if (isPlainRequest(request)) {
        fast++;
        expect(chatRequestSchema.safeParse(request).success, JSON.stringify(request)).toBe(true);
      }
    }
    // The fast path must actually serve ordinary requests.
    expect(fast).toBeGreaterThan(200);
  });

  it("serves the common shapes", () => {
    expect(isPlainRequest({ model: "openai/gpt-4o", messages: [{ role: "system", content: "x" }, { role: "user", content: "hi" }], maxTokens: 10, temperature: 0.2 })).toBe(true);
    expect(
      isPlainRequest({
        model: "a/b",
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "", toolCalls: [{ id: "c", name: "lookup", arguments: { q: 1 }, argumentsText: '{"q":1}' }] },
          { role: "tool", toolCallId: "c", content: "r" },
        ],
        tools: [zodTool],
        toolChoice: "auto",
        responseFormat: { type: "json", schema: z.object({ a: z.string() }) },
      }),
    ).toBe(true);
  });

  it("leaves anything unusual to the schema", () => {
    expect(isPlainRequest({ model: "a/b", messages: [{ role: "user", content: "x" }], reasoning: { effort: "low" } })).toBe(false);
    expect(isPlainRequest({ model: "a/b", messages: [{ role: "user", content: [{ type: "image", url: "https://x" }] }] })).toBe(false);
  });
});
