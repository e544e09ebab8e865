/**
 * Type tests, checked by `npm run typecheck` (tsc reads every `*.test-d.ts`) and by vitest's
 * typecheck mode: a misspelled request field fails to compile, saying which field was meant, while
 * `response.object` stays inferred from the schema.
 */
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { ChatRequest, Client, Message, StrictRequest } from "proxyless";

declare const llm: Client;
const messages: Message[] = [{ role: "user", content: "Hi" }];

describe("request types", () => {
  it("a provider's own spelling of a field does not compile, and names ours", () => {
    // @ts-expect-error max_tokens is not a field: the error says 'did you mean "maxTokens"?'
    void llm.chat({ model: "openai/gpt-4o-mini", messages, max_tokens: 5 });
    // @ts-expect-error the same on a stream
    void llm.stream({ model: "openai/gpt-4o-mini", messages, top_p: 1 });
    // @ts-expect-error a typo of a field
    void llm.chat({ model: "openai/gpt-4o-mini", messages, temprature: 1 });
  });

  it("names the field meant in the error's type", () => {
    type Wrong = { model: string; messages: Message[]; max_tokens: number };
    expectTypeOf<StrictRequest<Wrong>["max_tokens"]>().toEqualTypeOf<'unknown field; did you mean "maxTokens"?'>();
    expectTypeOf<StrictRequest<{ Temperature: 1 }>["Temperature"]>().toEqualTypeOf<'unknown field; did you mean "temperature"?'>();
    expectTypeOf<StrictRequest<{ max_completion_tokens: 1 }>["max_completion_tokens"]>().toEqualTypeOf<'unknown field; did you mean "maxTokens"?'>();
    expectTypeOf<StrictRequest<{ colour: 1 }>["colour"]>().toEqualTypeOf<"unknown field: a ChatRequest has no such field">();
  });

  it("a correct request compiles, and response.object is inferred from a zod schema", async () => {
    const res = await llm.chat({ model: "openai/gpt-4o-mini", messages, maxTokens: 5, responseFormat: { type: "json", schema: z.object({ city: z.string() }) } });
    expectTypeOf(res.object).toEqualTypeOf<{ city: string }>();
    const plain = await llm.chat({ model: "openai/gpt-4o-mini", messages });
    expectTypeOf(plain.object).toBeUnknown();
  });

  it("a request built ahead as a ChatRequest, and messages as Message[], pass as they are", async () => {
    const request: ChatRequest = { model: "anthropic/claude-haiku-4-5", messages, maxTokens: 200 };
    await llm.chat(request);
    llm.stream(request);
  });

  it("tool call arguments are typed from zod parameters, told apart by tool name", async () => {
    const weather = { name: "get_weather", parameters: z.object({ city: z.string() }) } as const;
    const clock = { name: "get_time", parameters: z.object({ zone: z.string(), hour12: z.boolean() }) } as const;
    const res = await llm.chat({ model: "openai/gpt-4o-mini", messages, tools: [weather, clock] });
    const call = res.toolCalls[0];
    if (call?.name === "get_weather") expectTypeOf(call.arguments).toEqualTypeOf<{ city: string } | undefined>();
    if (call?.name === "get_time") expectTypeOf(call.arguments).toEqualTypeOf<{ zone: string; hour12: boolean } | undefined>();
    // @ts-expect-error no tool of that name
    if (call?.name === "get_wether") void call;
    const streamed = await llm.stream({ model: "openai/gpt-4o-mini", messages, tools: [weather] }).final();
    expectTypeOf(streamed.toolCalls[0]!.arguments).toEqualTypeOf<{ city: string } | undefined>();
    // A JSON Schema tool says nothing of its arguments' type; no tools, the plain ToolCall.
    const plain = await llm.chat({ model: "openai/gpt-4o-mini", messages, tools: [{ name: "f", parameters: { type: "object" } }] });
    expectTypeOf(plain.toolCalls[0]!.arguments).toBeUnknown();
    const none = await llm.chat({ model: "openai/gpt-4o-mini", messages });
    expectTypeOf(none.toolCalls[0]!.arguments).toBeUnknown();
  });
});
