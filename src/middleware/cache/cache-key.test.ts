import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { SchemaInput } from "../../core/types/schema.js";
import { cacheKeyOf } from "./cache-key.js";

const route = { provider: "openai", model: "gpt-4o-mini" };
const keyOf = (request: ChatRequest, at = route, namespace = ""): string => cacheKeyOf(request, at, namespace).key;

const json = fc.jsonValue({ maxDepth: 2 });
const text = fc.string({ minLength: 1, maxLength: 12 });

/** A request with every output-affecting field set to arbitrary values. */
const requestArb = fc.record({
  model: fc.constant("openai/gpt-4o-mini"),
  messages: fc.array(fc.record({ role: fc.constant("user" as const), content: text }), { minLength: 1, maxLength: 3 }),
  tools: fc.array(fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), description: text, parameters: fc.constant({ type: "object", properties: { q: { type: "string" } } }) }), { maxLength: 2 }),
  toolChoice: fc.constantFrom("auto" as const, "none" as const),
  responseFormat: fc.record({ type: fc.constant("json" as const), name: fc.stringMatching(/^[a-z]{1,8}$/) }),
  maxTokens: fc.integer({ min: 1, max: 4000 }),
  temperature: fc.double({ min: 0, max: 2, noNaN: true }),
  topP: fc.double({ min: 0.01, max: 1, noNaN: true }),
  stop: fc.array(text, { minLength: 1, maxLength: 3 }),
  seed: fc.integer(),
  reasoning: fc.record({ effort: fc.constantFrom("low" as const, "high" as const), budgetTokens: fc.integer({ min: 0, max: 5000 }) }),
  providerOptions: fc.record({ openai: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), json, { maxKeys: 3 }) }),
});

/** Each field, and a change of it that must change the key. */
const changes: readonly [string, (request: ChatRequest) => ChatRequest][] = [
  ["messages: text", (r) => ({ ...r, messages: [...r.messages, { role: "user", content: "one more" }] })],
  ["messages: role", (r) => ({ ...r, messages: [{ role: "system", content: "x" }, ...r.messages] })],
  ["tools: added", (r) => ({ ...r, tools: [...(r.tools ?? []), { name: "zz_new", parameters: { type: "object" } } as const] })],
  ["tools: schema", (r) => ({ ...r, tools: [{ name: "t", parameters: { type: "object", properties: { q: { type: "number" } } } }] })],
  ["toolChoice", (r) => ({ ...r, toolChoice: r.toolChoice === "auto" ? "none" : "auto" })],
  ["responseFormat.name", (r) => ({ ...r, responseFormat: { type: "json", name: `${r.responseFormat?.name ?? ""}x` } })],
  ["responseFormat.schema", (r) => ({ ...r, responseFormat: { type: "json", schema: { type: "object" } } })],
  ["maxTokens", (r) => ({ ...r, maxTokens: (r.maxTokens ?? 0) + 1 })],
  ["temperature", (r) => ({ ...r, temperature: (r.temperature ?? 0) === 1 ? 0.5 : 1 })],
  ["topP", (r) => ({ ...r, topP: (r.topP ?? 0) === 0.5 ? 0.25 : 0.5 })],
  ["stop", (r) => ({ ...r, stop: [...(typeof r.stop === "string" ? [r.stop] : (r.stop ?? [])), "END!"] })],
  ["seed", (r) => ({ ...r, seed: (r.seed ?? 0) + 1 })],
  ["reasoning.effort", (r) => ({ ...r, reasoning: { ...r.reasoning, effort: r.reasoning?.effort === "low" ? "high" : "low" } })],
  ["reasoning.budgetTokens", (r) => ({ ...r, reasoning: { ...r.reasoning, budgetTokens: (r.reasoning?.budgetTokens ?? 0) + 1 } })],
  ["providerOptions", (r) => ({ ...r, providerOptions: { ...r.providerOptions, openai: { ...r.providerOptions?.openai, zz_added: 1 } } })],
];

/** The same value with every object's keys in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffled(item, seed));
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const entries = Object.entries(value);
  const rotated = entries.length === 0 ? entries : [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse();
  return Object.fromEntries(rotated.map(([key, item]) => [key, shuffled(item, seed + 1)]));
}

describe("cacheKeyOf", () => {
  it.each(changes)("changing %s changes the key", (_, change) => {
    fc.assert(
      fc.property(requestArb, (request) => {
        expect(keyOf(change(request))).not.toBe(keyOf(request));
      }),
      { numRuns: 60 },
    );
  });

  it("changing where the request goes, or the namespace, changes the key", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const key = keyOf(request);
        expect(keyOf(request, { provider: "openai", model: "gpt-4o" })).not.toBe(key);
        expect(keyOf(request, { provider: "groq", model: "gpt-4o-mini" })).not.toBe(key);
        expect(keyOf(request, route, "tenant-b")).not.toBe(key);
      }),
      { numRuns: 60 },
    );
  });

  it("the order of object keys, timeoutMs, signal, metadata, cache and the model string do not change it", () => {
    fc.assert(
      fc.property(requestArb, fc.nat(), (request, seed) => {
        const key = keyOf(request);
        expect(keyOf(shuffled(request, seed) as ChatRequest)).toBe(key);
        const transport: ChatRequest = { ...request, timeoutMs: seed + 1, signal: new AbortController().signal, metadata: { user: String(seed) }, cache: { ttlMs: seed + 1, mode: "refresh" }, model: "fast" };
        expect(keyOf(transport)).toBe(key);
      }),
      { numRuns: 100 },
    );
  });

  it("a field ChatRequest does not have yet is part of the key, with no change to the cache", () => {
    const request: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
    const future = { ...request, verbosity: "low" } as ChatRequest;
    expect(keyOf(future)).not.toBe(keyOf(request));
    expect(cacheKeyOf(future, route, "").material).toContain('"verbosity":"low"');
  });

  it("a zod schema and the equal JSON Schema give one key", () => {
    const zod = z.object({ city: z.string() });
    const plain = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    const withSchema = (schema: SchemaInput): ChatRequest => ({ model: "m", messages: [{ role: "user", content: "x" }], responseFormat: { type: "json", schema }, tools: [{ name: "t", parameters: schema }] });
    expect(keyOf(withSchema(zod))).toBe(keyOf(withSchema(plain)));
  });

  it("image and file bytes are keyed by their hash: base64 and Uint8Array of the same bytes give one key", () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const base64 = Buffer.from(bytes).toString("base64");
    const withData = (data: string | Uint8Array): ChatRequest => ({ model: "m", messages: [{ role: "user", content: [{ type: "image", data, mediaType: "image/png" }] }] });
    expect(keyOf(withData(bytes))).toBe(keyOf(withData(base64)));
    expect(keyOf(withData(new Uint8Array([137, 80, 78, 71, 1, 2, 4])))).not.toBe(keyOf(withData(bytes)));
    expect(cacheKeyOf(withData(bytes), route, "").material).not.toContain(base64);
  });

  it("never gives two different base64 texts one key, however leniently they decode", () => {
    const withData = (data: string): ChatRequest => ({ model: "m", messages: [{ role: "user", content: [{ type: "file", data, mediaType: "text/plain" }] }] });
    for (const [a, b] of [
      ["aGk=aGk=", "aGk=AAAA"],
      ["aGk!!!", "aGk"],
      ["aGk-", "aGk+"],
      ["a=1\nb=2", "a=1\nb=3"],
    ]) {
      expect(keyOf(withData(a as string))).not.toBe(keyOf(withData(b as string)));
    }
  });

  it("hashes bytes only in message content parts: a tool call's arguments are keyed as they are", () => {
    const withArguments = (id: number): ChatRequest => ({
      model: "m",
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "t", arguments: { type: "file", data: { id } } }] },
        { role: "tool", toolCallId: "c1", content: "ok" },
      ],
    });
    expect(keyOf(withArguments(1))).not.toBe(keyOf(withArguments(2)));
  });

  it("keys values as JSON.stringify sends them: toJSON honoured, functions left out; a BigInt has no key", () => {
    const withOptions = (openai: Record<string, unknown>): ChatRequest => ({ model: "m", messages: [{ role: "user", content: "x" }], providerOptions: { openai } });
    expect(keyOf(withOptions({ at: new Date(0) }))).not.toBe(keyOf(withOptions({ at: new Date(1) })));
    expect(keyOf(withOptions({ at: new Date(0) }))).toBe(keyOf(withOptions({ at: "1970-01-01T00:00:00.000Z" })));
    expect(keyOf(withOptions({ a: 1, f: () => 1 }))).toBe(keyOf(withOptions({ a: 1 })));
    expect(() => keyOf(withOptions({ n: 1n }))).toThrow(TypeError);
  });

  it("bytes outside content parts are keyed as JSON.stringify writes them, never as a hash mark", () => {
    const withOptions = (value: unknown): ChatRequest => ({ model: "m", messages: [{ role: "user", content: "x" }], providerOptions: { openai: { value } } });
    const bytes = new Uint8Array([1, 2]);
    expect(keyOf(withOptions(bytes))).not.toBe(keyOf(withOptions({ $bytes: "anything" })));
    expect(keyOf(withOptions(bytes))).toBe(keyOf(withOptions({ 0: 1, 1: 2 })));
  });

  it("is versioned", () => {
    expect(keyOf({ model: "m", messages: [{ role: "user", content: "x" }] })).toMatch(/^v1:[0-9a-f]{64}$/);
  });
});
