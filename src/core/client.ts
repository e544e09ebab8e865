import { clientConfigSchema } from "./config/config-schema.js";
import type { ClientConfig } from "./config/client-config.js";
import { ConfigError } from "./errors/config-error.js";
import { attemptContext, startCall, type CallContext } from "./pipeline/call-context.js";
import { composeChat, composeStream, type ChatHandler, type StreamHandler } from "./pipeline/compose.js";
import { chatAttempt, streamAttempt } from "./pipeline/run-attempt.js";
import { toProxylessError } from "./pipeline/to-proxyless-error.js";
import { claimFreshResponse } from "./response/finalize-response.js";
import { ProviderRegistry } from "./routing/provider-registry.js";
import { Router } from "./routing/router.js";
import { toValidationIssues } from "./schema/format-issues.js";
import { validateRequest } from "./schema/validate-request.js";
import { ChatStreamImpl } from "./stream/chat-stream.js";
import type { ChatRequest } from "./types/chat-request.js";
import type { ChatResponse, ResponseMeta } from "./types/chat-response.js";
import type { Middleware } from "./types/middleware.js";
import type { ProviderFactory } from "./types/provider-adapter.js";
import type { InferSchema } from "./types/schema.js";
import type { ChatResponseOf, ChatStream } from "./types/stream-event.js";

/** The type of `response.object` for a request: inferred from a zod schema. */
export type ObjectOf<R> = R extends { readonly responseFormat: { readonly schema: infer S } } ? InferSchema<S> : unknown;

/** The unified client. */
export interface Client {
  /**
   * One completion.
   *
   * @throws ValidationError (before anything is sent), or the typed error of the failed call.
   * @example
   * ```ts
   * const res = await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
   * console.log(res.text, res.usage.totalTokens);
   * ```
   */
  chat<R extends ChatRequest>(request: R): Promise<ChatResponseOf<ObjectOf<R>>>;
  /**
   * A streamed completion: iterate it for events; `final()` gives the response.
   *
   * @throws ValidationError synchronously for a malformed request.
   */
  stream<R extends ChatRequest>(request: R): ChatStream<ObjectOf<R>>;
  /**
   * The configured official SDK client of a provider (`OpenAI`, `Anthropic`, `GoogleGenAI`): the
   * escape hatch for anything proxyless does not cover. Keys are used in turn, as for calls.
   *
   * @example
   * ```ts
   * const openai = await llm.raw<import("openai").OpenAI>("openai");
   * await openai.embeddings.create({ model: "text-embedding-3-small", input: "hi" });
   * ```
   */
  raw<T = unknown>(provider: string): Promise<T>;
}

/**
 * Builds a client from a configuration and the provider types it can use. `src/index.ts` calls
 * this with the built-in adapters; core itself knows no provider.
 *
 * @throws ConfigError naming the offending path.
 */
export function createClientWith(config: ClientConfig, factories: readonly ProviderFactory[]): Client {
  const parsed = clientConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error.issues);
    const first = issues[0];
    throw new ConfigError(`Invalid client config: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, {
      ...(first ? { path: first.path } : {}),
    });
  }
  const registry = new ProviderRegistry(config.providers ?? {}, factories);
  const router = new Router(config.models ?? {}, registry);
  const middleware = config.middleware ?? [];
  const requestScope = middleware.filter((m: Middleware) => (m.scope ?? "request") === "request");
  const attemptScope = middleware.filter((m: Middleware) => m.scope === "attempt");

  const resolver = {
    adapter: (provider: string) => registry.adapter(provider),
    apiKey: registry.apiKey.bind(registry),
  };
  const chatAttempts = composeChat(attemptScope, chatAttempt(resolver));
  const streamAttempts = composeStream(attemptScope, streamAttempt(resolver));

  // Routing sits between the two scopes: request-scope middleware may rewrite `model`.
  const dispatchChat: ChatHandler = (request, context) =>
    chatAttempts(request, attemptContext(context, router.target(request.model)));
  const dispatchStream: StreamHandler = (request, context) => ({
    [Symbol.asyncIterator]: () =>
      streamAttempts(request, attemptContext(context, router.target(request.model)))[Symbol.asyncIterator](),
  });
  const chatChain = composeChat(requestScope, dispatchChat);
  const streamChain = composeStream(requestScope, dispatchStream);

  async function chat(request: ChatRequest): Promise<ChatResponse> {
    validateRequest(request);
    const call = startCall("chat", request.signal);
    try {
      return completeMeta(await chatChain(request, call.context), call.context, undefined);
    } catch (error) {
      throw toProxylessError(error, call.context.signal);
    } finally {
      call.dispose();
    }
  }

  function stream(request: ChatRequest): ChatStream {
    validateRequest(request);
    const call = startCall("stream", request.signal);
    return new ChatStreamImpl(streamChain(request, call.context), {
      controller: call.controller as AbortController,
      startedAt: call.context.startedAt,
      end: call.dispose,
      complete: (response, ttft) => completeMeta(response, call.context, ttft),
    });
  }

  async function raw<T>(provider: string): Promise<T> {
    const adapter = registry.adapter(provider);
    if (!adapter.getClient) throw new ConfigError(`Provider "${provider}" has no SDK client to expose`, { path: `providers.${provider}` });
    const keyIndex = registry.nextKeyIndex(provider);
    return (await adapter.getClient(registry.apiKey({ provider, model: "", keyIndex }))) as T;
  }

  // The generic signatures only refine the type of `object`; the runtime is the same.
  return { chat: chat as Client["chat"], stream: stream as Client["stream"], raw };
}

/**
 * The call-level meta, known only once the whole call (all attempts, all middleware) is done. A
 * response this call built is completed in place (no copies on the hot path, and a lazily parsed
 * `rateLimit` stays lazy); one a middleware made or kept is copied, never changed.
 */
function completeMeta(response: ChatResponse, context: CallContext, timeToFirstTokenMs: number | undefined): ChatResponse {
  const attempts = [...context.attempts];
  const latencyMs = performance.now() - context.startedAt;
  if (claimFreshResponse(response)) {
    const meta = response.meta as { -readonly [K in keyof ResponseMeta]: ResponseMeta[K] };
    meta.attempts = attempts;
    meta.latencyMs = latencyMs;
    if (timeToFirstTokenMs !== undefined) meta.timeToFirstTokenMs = timeToFirstTokenMs;
    return response;
  }
  return {
    ...response,
    meta: { ...response.meta, attempts, latencyMs, ...(timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs } : {}) },
  };
}
