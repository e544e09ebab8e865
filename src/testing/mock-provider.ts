import { StreamInterruptedError } from "../core/errors/stream-interrupted-error.js";
import type { FinishReason } from "../core/types/finish-reason.js";
import type { AdapterCall, ProviderAdapter, ProviderResult, ProviderStreamPart } from "../core/types/provider-adapter.js";
import type { Usage } from "../core/types/usage.js";

/** What the mock answers for one call. */
export interface MockReply {
  /** @default "Mock reply." */
  readonly text?: string;
  readonly reasoning?: string;
  readonly toolCalls?: readonly { readonly id?: string; readonly name: string; readonly arguments: unknown }[];
  /** @default "tool_calls" when there are tool calls, else "stop" */
  readonly finishReason?: FinishReason;
  readonly usage?: Partial<Usage>;
  /** Streams only: throw this error after this many content events (a broken stream). */
  readonly failAfterEvents?: { readonly events: number; readonly error?: Error };
}

/** A reply, an error to throw, or a function of the call giving either. */
export type MockResponder = MockReply | Error | ((call: AdapterCall, index: number) => MockReply | Error | Promise<MockReply | Error>);

/** One call the mock received (the key is never kept). */
export interface MockCall {
  readonly kind: "chat" | "stream";
  readonly model: string;
  readonly request: AdapterCall["request"];
  readonly signal: AbortSignal | undefined;
}

export interface MockProvider extends ProviderAdapter {
  /** Every call received, in order. */
  readonly calls: readonly MockCall[];
}

/**
 * An in-memory provider for testing middleware and application code without HTTP. Replies are
 * used in order, the last one repeating; streams split the text into one event per word.
 *
 * @example
 * ```ts
 * const mock = mockProvider({ replies: [new RateLimitError("slow down"), { text: "ok" }] });
 * const llm = createClient({ providers: { mock: { adapter: mock } } });
 * await llm.chat({ model: "mock/any", messages });
 * expect(mock.calls).toHaveLength(...);
 * ```
 */
export function mockProvider(options: { readonly name?: string; readonly replies?: MockResponder | readonly MockResponder[] } = {}): MockProvider {
  const replies: readonly MockResponder[] = Array.isArray(options.replies)
    ? (options.replies as readonly MockResponder[])
    : [(options.replies as MockResponder | undefined) ?? {}];
  const calls: MockCall[] = [];
  const provider = options.name ?? "mock";

  async function reply(call: AdapterCall, kind: "chat" | "stream"): Promise<MockReply> {
    const index = calls.length;
    calls.push({ kind, model: call.model, request: call.request, signal: call.signal });
    // As `fetch` does: a request whose signal is already aborted is never sent.
    call.signal?.throwIfAborted();
    const responder = replies[Math.min(index, replies.length - 1)] ?? {};
    const outcome = typeof responder === "function" ? await responder(call, index) : responder;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  return {
    specificationVersion: "v1",
    provider,
    type: "mock",
    calls,
    async doChat(call) {
      return toResult(await reply(call, "chat"), call.model);
    },
    async *doStream(call): AsyncGenerator<ProviderStreamPart> {
      const r = await reply(call, "stream");
      let sent = 0;
      for (const part of toParts(r)) {
        if (r.failAfterEvents && sent === r.failAfterEvents.events) {
          throw r.failAfterEvents.error ?? new StreamInterruptedError("mock: the stream broke", { provider });
        }
        if (call.signal?.aborted) return;
        yield part;
        if (part.type !== "response-metadata") sent++;
      }
      yield { type: "finish", ...summary(r), model: call.model, raw: { mock: true } };
    },
  };
}

function summary(r: MockReply): { finishReason: FinishReason; rawFinishReason: string; usage: Usage } {
  const finishReason = r.finishReason ?? (r.toolCalls?.length ? "tool_calls" : "stop");
  const inputTokens = r.usage?.inputTokens ?? 10;
  const outputTokens = r.usage?.outputTokens ?? (r.text ?? "Mock reply.").split(" ").length;
  return {
    finishReason,
    rawFinishReason: finishReason,
    usage: { inputTokens, outputTokens, totalTokens: r.usage?.totalTokens ?? inputTokens + outputTokens, ...r.usage },
  };
}

function toResult(r: MockReply, model: string): ProviderResult {
  return {
    id: "mock-response",
    model,
    text: r.text ?? "Mock reply.",
    ...(r.reasoning ? { reasoning: r.reasoning } : {}),
    toolCalls: (r.toolCalls ?? []).map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, argumentsText: JSON.stringify(c.arguments) })),
    ...summary(r),
    raw: { mock: true },
  };
}

function* toParts(r: MockReply): Generator<ProviderStreamPart> {
  yield { type: "response-metadata", id: "mock-response" };
  if (r.reasoning) yield { type: "reasoning-delta", text: r.reasoning };
  const words = (r.text ?? "Mock reply.").split(/(?<= )/);
  for (const text of words) if (text) yield { type: "text-delta", text };
  for (const [index, c] of (r.toolCalls ?? []).entries()) {
    yield { type: "tool-call-delta", index, ...(c.id ? { id: c.id } : {}), name: c.name, argumentsDelta: JSON.stringify(c.arguments) };
    yield { type: "tool-call-end", index };
  }
}
