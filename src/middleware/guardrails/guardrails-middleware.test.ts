import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GuardrailError } from "../../core/errors/guardrail-error.js";
import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import type { ToolCall } from "../../core/types/tool.js";
import { middlewareContext } from "../../testing/middleware-context.js";
import { blocklist } from "./blocklist.js";
import { guardrails } from "./guardrails-middleware.js";
import { jsonOutput } from "./json-output.js";
import { maxInputSize } from "./max-input-size.js";
import { pii } from "./pii-check.js";

const EMAIL = "jane.doe@example.com";
const PHONE = "+44 20 7946 0958";
const CARD = "4111 1111 1111 1111";
const KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w";

const request: ChatRequest = {
  model: "openai/gpt-4o-mini",
  messages: [
    { role: "system", content: [{ type: "text", text: `Escalate to ${EMAIL}.` }] },
    { role: "user", content: `I am ${EMAIL}, phone ${PHONE}, card ${CARD}, and ${EMAIL} again. Key ${KEY}.` },
    { role: "assistant", content: "Noted.", toolCalls: [{ id: "c1", name: "lookup", arguments: { email: EMAIL }, argumentsText: JSON.stringify({ email: EMAIL }) }] },
    { role: "tool", toolCallId: "c1", content: `Found account for ${PHONE}` },
    { role: "user", content: [{ type: "text", text: "Thanks" }, { type: "image", url: "https://example.com/a.png" }] },
  ],
};

function responseOf(text: string, toolCalls: ToolCall[] = []): ChatResponse {
  return {
    id: "r1",
    provider: "openai",
    model: "gpt-4o-mini",
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? "tool_calls" : "stop",
    rawFinishReason: "stop",
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    meta: { cached: false, attempts: [], latencyMs: 0, warnings: [] },
    message: { role: "assistant", content: text, ...(toolCalls.length > 0 ? { toolCalls } : {}) },
    raw: {},
  };
}

const context = (kind: "chat" | "stream") => middlewareContext({ scope: "request", kind });

/** A chat `next` that records what it was handed and answers from a list (the last one again when it runs out). */
function chatNext(...answers: (ChatResponse | ((r: ChatRequest) => ChatResponse) | Error)[]) {
  const handed: ChatRequest[] = [];
  const next = (r: ChatRequest): Promise<ChatResponse> => {
    handed.push(r);
    const answer = answers[Math.min(handed.length, answers.length) - 1];
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(typeof answer === "function" ? answer(r) : (answer as ChatResponse));
  };
  return { next, handed };
}

function chat(mw: Middleware, next: (r: ChatRequest) => Promise<ChatResponse>, req: ChatRequest = request): Promise<ChatResponse> {
  if (!mw.wrapChat) throw new Error("no wrapChat");
  return mw.wrapChat({ request: req, context: context("chat"), next });
}

/** A stream `next` that records what it was handed and sends the events given. */
function streamNext(events: readonly StreamEvent[], failure?: Error) {
  const handed: ChatRequest[] = [];
  const state = { pulled: 0, closed: false };
  const next = (r: ChatRequest): AsyncIterable<StreamEvent> => {
    handed.push(r);
    return (async function* () {
      try {
        for (const event of events) {
          await Promise.resolve();
          state.pulled++;
          yield event;
        }
        if (failure) throw failure;
      } finally {
        state.closed = true;
      }
    })();
  };
  return { next, handed, state };
}

async function collect(mw: Middleware, next: (r: ChatRequest) => AsyncIterable<StreamEvent>, req: ChatRequest = request): Promise<{ events: StreamEvent[]; error?: unknown }> {
  if (!mw.wrapStream) throw new Error("no wrapStream");
  const events: StreamEvent[] = [];
  try {
    for await (const event of mw.wrapStream({ request: req, context: context("stream"), next })) events.push(event);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

const textOf = (events: readonly StreamEvent[]): string => events.map((e) => (e.type === "text-delta" ? e.text : "")).join("");
const sentText = (r: ChatRequest | undefined): string => JSON.stringify(r?.messages);

describe("guardrails(): pii on the request", () => {
  it("sends a redacted copy: every message's text, tool calls and results, system too; the caller's request is untouched", async () => {
    const before = JSON.stringify(request);
    const fake = chatNext(responseOf("ok"));
    const res = await chat(guardrails({ input: [pii()] }), fake.next);
    expect(JSON.stringify(request)).toBe(before);
    const sent = fake.handed[0];
    for (const value of [EMAIL, PHONE, CARD, KEY]) expect(sentText(sent)).not.toContain(value);
    expect(sent?.messages[0]).toEqual({ role: "system", content: [{ type: "text", text: "Escalate to [EMAIL_1]." }] });
    expect(sent?.messages[1]).toEqual({ role: "user", content: "I am [EMAIL_1], phone [PHONE_1], card [CARD_1], and [EMAIL_1] again. Key [SECRET_1]." });
    expect(sent?.messages[2]).toMatchObject({ toolCalls: [{ arguments: { email: "[EMAIL_1]" }, argumentsText: '{"email":"[EMAIL_1]"}' }] });
    expect(sent?.messages[3]).toEqual({ role: "tool", toolCallId: "c1", content: "Found account for [PHONE_1]" });
    // What has nothing to redact is the same object: no copies for nothing.
    expect(sent?.messages[4]).toBe(request.messages[4]);
    expect(res.meta.guardrails).toEqual([{ check: "pii", side: "input", action: "redacted", count: 8, kinds: { email: 4, phone: 2, card: 1, secret: 1 } }]);
    // Default mode: the answer is handed on as the model wrote it.
    expect(res.text).toBe("ok");
  });

  it("a request with nothing to redact is sent as it is, noted as passed", async () => {
    const clean: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "In 2024 we used 15000 tokens." }] };
    const fake = chatNext(responseOf("ok"));
    const res = await chat(guardrails({ input: [pii()] }), fake.next, clean);
    expect(fake.handed[0]).toBe(clean);
    expect(res.meta.guardrails).toEqual([{ check: "pii", side: "input", action: "passed" }]);
  });

  it("reversible: the originals come back in text, message, tool calls and object, never in raw", async () => {
    const call: ToolCall = { id: "t1", name: "send", arguments: { to: "[EMAIL_1]" }, argumentsText: '{"to":"[EMAIL_1]"}' };
    const answer = { ...responseOf("Wrote to [EMAIL_1] and [PHONE_1]; [EMAIL_7] is unknown.", [call]), object: { to: "[EMAIL_1]" }, raw: { text: "[EMAIL_1]" } };
    const fake = chatNext(answer);
    const res = await chat(guardrails({ input: [pii({ mode: "reversible" })] }), fake.next);
    expect(res.text).toBe(`Wrote to ${EMAIL} and ${PHONE}; [EMAIL_7] is unknown.`);
    expect(res.message.content).toBe(res.text);
    expect(res.toolCalls[0]).toMatchObject({ arguments: { to: EMAIL }, argumentsText: JSON.stringify({ to: EMAIL }) });
    expect(res.message.toolCalls).toBe(res.toolCalls);
    expect(res.object).toEqual({ to: EMAIL });
    expect(res.raw).toEqual({ text: "[EMAIL_1]" });
    expect(res.meta.guardrails?.at(-1)).toEqual({ check: "pii", side: "output", action: "restored", count: 3 });
  });

  it("reversible on a stream: a placeholder split across deltas is restored, and so is finish", async () => {
    const full = "Mail [EMAIL_1] or [PHONE_1].";
    const deltas = ["Mail [EM", "AIL", "_1] or [", "PHONE_1", "]."];
    const fake = streamNext([...deltas.map((text) => ({ type: "text-delta" as const, text })), { type: "finish", response: responseOf(full) }]);
    const { events, error } = await collect(guardrails({ input: [pii({ mode: "reversible" })] }), fake.next);
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe(`Mail ${EMAIL} or ${PHONE}.`);
    expect(events.filter((e) => e.type === "text-delta").every((e) => !e.text.includes("["))).toBe(true);
    const finish = events.at(-1);
    expect(finish).toMatchObject({ type: "finish", response: { text: `Mail ${EMAIL} or ${PHONE}.` } });
  });

  it("reversible on a stream: tool call fragments and the complete call are restored as JSON", async () => {
    const call: ToolCall = { id: "t1", name: "send", arguments: { to: "[EMAIL_1]" }, argumentsText: '{"to":"[EMAIL_1]"}' };
    const fake = streamNext([
      { type: "tool-call-delta", index: 0, id: "t1", name: "send", argumentsDelta: '{"to":"[EMA' },
      { type: "tool-call-delta", index: 0, argumentsDelta: 'IL_1]"}' },
      { type: "tool-call", toolCall: call },
      { type: "finish", response: responseOf("", [call]) },
    ]);
    const { events } = await collect(guardrails({ input: [pii({ mode: "reversible" })] }), fake.next);
    const fragments = events.flatMap((e) => (e.type === "tool-call-delta" ? [e.argumentsDelta] : [])).join("");
    expect(JSON.parse(fragments)).toEqual({ to: EMAIL });
    expect(events.find((e) => e.type === "tool-call")).toMatchObject({ toolCall: { arguments: { to: EMAIL } } });
  });
});

describe("guardrails(): refusing the input", () => {
  it("a blocked term or an input too large throws a GuardrailError and sends nothing, naming no text", async () => {
    for (const mw of [guardrails({ input: [blocklist(["account"])] }), guardrails({ input: [maxInputSize({ chars: 50 })] }), guardrails({ input: [maxInputSize({ tokens: 10 })] })]) {
      const fake = chatNext(responseOf("never"));
      const error = await chat(mw, fake.next).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuardrailError);
      expect(error).toMatchObject({ side: "input", retryable: false, code: "guardrail_input_blocked" });
      expect(fake.handed).toEqual([]);
      for (const value of [EMAIL, PHONE, CARD, KEY, "account"]) expect(String((error as Error).message)).not.toContain(value);
      const stream = streamNext([{ type: "finish", response: responseOf("never") }]);
      expect((await collect(mw, stream.next)).error).toBeInstanceOf(GuardrailError);
      expect(stream.handed).toEqual([]);
    }
  });

  it("checks run in order: a blocklist after pii never sees the redacted values", async () => {
    const fake = chatNext(responseOf("ok"));
    await chat(guardrails({ input: [pii(), blocklist([/jane\.doe/])] }), fake.next);
    expect(fake.handed).toHaveLength(1);
    const blocked = await chat(guardrails({ input: [blocklist([/jane\.doe/]), pii()] }), fake.next).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ check: "blocklist", reason: "matched blocked pattern #1" });
  });

  it("a function check passes, blocks with its reason, or replaces the request; any other verdict is a ConfigError", async () => {
    const fake = chatNext(responseOf("ok"));
    const tagged = (r: ChatRequest): ChatRequest => ({ ...r, metadata: { tenant: "t1" } });
    const res = await chat(guardrails({ input: [function tenant({ request: r }) { return { replace: tagged(r) }; }] }), fake.next);
    expect(fake.handed[0]?.metadata).toEqual({ tenant: "t1" });
    expect(res.meta.guardrails).toEqual([{ check: "tenant", side: "input", action: "redacted" }]);
    await expect(chat(guardrails({ input: [async () => Promise.resolve({ block: "no tenant" })] }), fake.next)).rejects.toMatchObject({ name: "GuardrailError", check: "input[0]", reason: "no tenant" });
    await expect(chat(guardrails({ input: [() => true as never] }), fake.next)).rejects.toMatchObject({ name: "ConfigError", message: expect.stringContaining('the input check "input[0]" returned true') as unknown });
    expect(fake.handed).toHaveLength(1);
  });
});

describe("guardrails(): the answer", () => {
  const schema = z.object({ city: z.string(), population: z.number() });
  const jsonRequest: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `A city for ${EMAIL}` }] };

  it("jsonOutput: a valid answer passes and gets its object", async () => {
    const fake = chatNext(responseOf('{"city":"Oslo","population":700000}'));
    const res = await chat(guardrails({ output: [jsonOutput({ schema })] }), fake.next, jsonRequest);
    expect(res.object).toEqual({ city: "Oslo", population: 700000 });
    expect(res.meta.guardrails).toEqual([{ check: "jsonOutput", side: "output", action: "passed" }]);
  });

  it("jsonOutput: one repair with the bad answer and the issues, on the redacted request, noted as repaired", async () => {
    const fake = chatNext(responseOf('{"city":"Oslo","population":"many"}'), responseOf('{"city":"Oslo","population":700000}'));
    const res = await chat(guardrails({ input: [pii()], output: [jsonOutput({ schema })] }), fake.next, jsonRequest);
    expect(res.object).toEqual({ city: "Oslo", population: 700000 });
    expect(fake.handed).toHaveLength(2);
    const repair = fake.handed[1]?.messages ?? [];
    expect(repair.slice(0, 1)).toEqual(fake.handed[0]?.messages);
    expect(repair[1]).toEqual({ role: "assistant", content: '{"city":"Oslo","population":"many"}' });
    expect(repair[2]).toMatchObject({ role: "user", content: expect.stringContaining("population: Invalid input: expected number, received string") as unknown });
    expect(sentText(fake.handed[1])).not.toContain(EMAIL);
    expect(res.meta.guardrails).toEqual([
      { check: "pii", side: "input", action: "redacted", count: 1, kinds: { email: 1 } },
      { check: "jsonOutput", side: "output", action: "repaired", count: 1 },
    ]);
  });

  it("jsonOutput: a second failure is a GuardrailError with the issues; no third call", async () => {
    const fake = chatNext(responseOf("not json"), responseOf('{"city":1}'));
    const error = await chat(guardrails({ output: [jsonOutput({ schema })] }), fake.next, jsonRequest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardrailError);
    expect(error).toMatchObject({ check: "jsonOutput", side: "output", code: "guardrail_output_blocked", issues: [{ path: "city" }, { path: "population" }] });
    expect((error as Error).message).toMatch(/\(after one repair\)$/);
    expect(fake.handed).toHaveLength(2);
    expect(fake.handed[1]?.messages.at(-1)).toMatchObject({ content: expect.stringContaining("structured output is not valid JSON") as unknown });
  });

  it("jsonOutput: core's StructuredOutputError for the request's responseFormat is repaired the same way", async () => {
    const bad = responseOf('{"city":"Oslo"}');
    const failure = new StructuredOutputError("Structured output does not match the schema: population: Required", { text: bad.text, response: bad, issues: [{ path: "population", message: "Required" }] });
    const good = { ...responseOf('{"city":"Oslo","population":1}'), object: { city: "Oslo", population: 1 } };
    const fake = chatNext(failure, good);
    const res = await chat(guardrails({ output: [jsonOutput({ schema })] }), fake.next, { ...jsonRequest, responseFormat: { type: "json", schema } });
    expect(res.object).toEqual({ city: "Oslo", population: 1 });
    expect(fake.handed[1]?.messages.at(-1)).toMatchObject({ content: expect.stringContaining("population: Required") as unknown });
    // Without a jsonOutput(), core's error is the caller's as it was.
    await expect(chat(guardrails({ output: [blocklist(["x"])] }), chatNext(failure).next)).rejects.toBe(failure);
  });

  it("output checks run on the restored answer, in order; a replacement by a check is handed on", async () => {
    const seen: string[] = [];
    const fake = chatNext(responseOf("Hi [EMAIL_1]"));
    const res = await chat(
      guardrails({
        input: [pii({ mode: "reversible" })],
        output: [
          function look({ text }) {
            seen.push(text);
          },
          function polite({ response }) {
            return { replace: { ...response, text: `${response.text}!` } };
          },
        ],
      }),
      fake.next,
    );
    expect(seen).toEqual([`Hi ${EMAIL}`]);
    expect(res.text).toBe(`Hi ${EMAIL}!`);
    expect(res.meta.guardrails?.slice(1)).toEqual([
      { check: "look", side: "output", action: "passed" },
      { check: "polite", side: "output", action: "repaired" },
      { check: "pii", side: "output", action: "restored", count: 1 },
    ]);
  });
});

describe("guardrails(): streams", () => {
  const deltas = (...texts: string[]): StreamEvent[] => texts.map((text) => ({ type: "text-delta", text }));

  it("an output check failing at finish throws in place of the finish event", async () => {
    const fake = streamNext([...deltas("not ", "json"), { type: "finish", response: responseOf("not json") }]);
    const { events, error } = await collect(guardrails({ output: [jsonOutput()] }), fake.next);
    expect(error).toBeInstanceOf(GuardrailError);
    expect(error).toMatchObject({ check: "jsonOutput", side: "output" });
    expect(events.some((e) => e.type === "finish")).toBe(false);
    // No repair on a stream.
    expect(fake.handed).toHaveLength(1);
  });

  it("a blocked word split across deltas ends the stream as it appears, before any of it is let through, and closes the upstream", async () => {
    const fake = streamNext([...deltas("All fine. The secret code is clas", "sified", " so there", " is more"), { type: "finish", response: responseOf("…") }]);
    const { events, error } = await collect(guardrails({ output: [blocklist(["classified"])] }), fake.next);
    expect(error).toMatchObject({ name: "GuardrailError", check: "blocklist", side: "output", reason: "matched blocked term #1" });
    expect(textOf(events)).not.toContain("clas");
    expect(textOf(events)).toContain("All fine.");
    // Ended at the delta that showed what follows the word, not at finish.
    expect(fake.state.pulled).toBe(3);
    expect(fake.state.closed).toBe(true);
  });

  it("a clean stream passes whole: every character, then finish with the notes", async () => {
    const fake = streamNext([...deltas("Hello ", "there, ", "friend."), { type: "finish", response: responseOf("Hello there, friend.") }]);
    const { events, error } = await collect(guardrails({ output: [blocklist(["classified"])] }), fake.next);
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe("Hello there, friend.");
    expect(events.at(-1)).toMatchObject({ type: "finish", response: { meta: { guardrails: [{ check: "blocklist", side: "output", action: "passed" }] } } });
  });

  it("midStream: false judges only at finish", async () => {
    const fake = streamNext([...deltas("it is classified", " indeed"), { type: "finish", response: responseOf("it is classified indeed") }]);
    const { events, error } = await collect(guardrails({ output: [blocklist(["classified"], { midStream: false })] }), fake.next);
    expect(error).toBeInstanceOf(GuardrailError);
    expect(textOf(events)).toBe("it is classified indeed");
  });

  it("core's StructuredOutputError at the end of a stream is jsonOutput()'s GuardrailError", async () => {
    const bad = responseOf("{}");
    const failure = new StructuredOutputError("Structured output does not match the schema: city: Required", { text: "{}", response: bad, issues: [{ path: "city", message: "Required" }] });
    const fake = streamNext(deltas("{}"), failure);
    const { error } = await collect(guardrails({ output: [jsonOutput()] }), fake.next);
    expect(error).toMatchObject({ name: "GuardrailError", check: "jsonOutput", issues: [{ path: "city", message: "Required" }] });
  });
});

describe("guardrails: what review found", () => {
  const wrap = (mw: Middleware, r: ChatRequest, next: (r: ChatRequest) => Promise<ChatResponse>) => (mw.wrapChat as NonNullable<Middleware["wrapChat"]>)({ request: r, context: context("chat"), next });

  it("a JSON repair never sends back an original an issue would quote, nor puts it in the error", async () => {
    const mw = guardrails({ input: [pii({ mode: "reversible" })], output: [jsonOutput({ schema: z.record(z.string(), z.number()) })] });
    // The model keys its answer by the placeholder; restored, the key is the address, and zod names it.
    const { next, handed } = chatNext(responseOf('{"[EMAIL_1]":"high"}'));
    const error = await wrap(mw, { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `Rate ${EMAIL}` }] }, next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardrailError);
    expect(handed).toHaveLength(2);
    expect(JSON.stringify(handed)).not.toContain(EMAIL);
    expect(JSON.stringify(handed[1]?.messages.at(-1))).toContain("[EMAIL_1]");
    expect((error as GuardrailError).message).not.toContain(EMAIL);
    expect(JSON.stringify((error as GuardrailError).issues)).not.toContain(EMAIL);
  });

  it("redacts text documents (text/* file parts) and their names, which providers read as text", async () => {
    const data = btoa(`Contact ${EMAIL} or ${CARD}`);
    const r: ChatRequest = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: [{ type: "file", mediaType: "text/plain", data, filename: `from ${EMAIL}` }, { type: "file", mediaType: "application/pdf", data: "JVBERi0=" }] }] };
    const { next, handed } = chatNext(responseOf("ok"));
    await wrap(guardrails({ input: [pii()] }), r, next);
    const [text, pdf] = handed[0]?.messages[0]?.content as unknown as { data: string; filename?: string }[];
    expect(atob(text?.data ?? "")).toBe("Contact [EMAIL_1] or [CARD_1]");
    expect(text?.filename).toBe("from [EMAIL_1]");
    expect(pdf?.data).toBe("JVBERi0=");
  });

  it("never numbers a placeholder as one the caller already wrote, so a restore keeps the caller's words", async () => {
    const { next, handed } = chatNext((sent) => responseOf(`Sent to ${JSON.stringify(sent.messages[0]?.content)}`));
    const res = await wrap(guardrails({ input: [pii({ mode: "reversible" })] }), { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `Fill [EMAIL_1] with ${EMAIL}` }] }, next);
    expect(handed[0]?.messages[0]?.content).toBe("Fill [EMAIL_1] with [EMAIL_2]");
    expect(res.text).toBe(`Sent to "Fill [EMAIL_1] with ${EMAIL}"`);
  });
});
