import { checkClientConfig } from "./config/check-client-config.js";
import type { ClientConfig } from "./config/client-config.js";
import { ConfigError } from "./errors/config-error.js";
import { ContentFilterError } from "./errors/content-filter-error.js";
import { AttemptScope, RequestScope } from "./pipeline/call-context.js";
import { CallState, type CallRouting } from "./pipeline/call-state.js";
import { callCancelled } from "./pipeline/cancellation.js";
import {
  composeAttemptChat,
  composeAttemptStream,
  composeRequestChat,
  composeRequestStream,
  runAttemptChat,
  runAttemptStream,
  type ChatHandler,
  type StreamHandler,
} from "./pipeline/compose.js";
import { activeChains, type Chains } from "./pipeline/active-chains.js";
import { callAdapterChat, callAdapterStream, type AttemptResolver } from "./pipeline/run-attempt.js";
import { completeMeta } from "./response/finalize-response.js";
import { EventBus } from "./events/event-bus.js";
import { ProviderRegistry } from "./routing/provider-registry.js";
import { ContextWindows } from "./routing/context-windows.js";
import { estimateCost } from "./cost/estimate-cost.js";
import { PriceBook, sumCosts } from "./cost/price-book.js";
import { unpriced } from "./cost/unpriced.js";
import { Router, type Plan, type Route } from "./routing/router.js";
import { runPlan, type RoutingServices } from "./routing/run-plan.js";
import { TargetStats } from "./routing/target-stats.js";
import { DeferredStream, type OpenedStream } from "./stream/deferred-stream.js";
import { validateRequest } from "./schema/validate-request.js";
import { ChatStreamImpl } from "./stream/chat-stream.js";
import type { ChatRequest } from "./types/chat-request.js";
import type { AttemptRecord, ChatResponse, Cost, ResponseMeta } from "./types/chat-response.js";
import type { ClientEvent, ClientEventListener } from "./types/client-event.js";
import type { Middleware } from "./types/middleware.js";
import type { ProviderFactory } from "./types/provider-adapter.js";
import type { StreamEvent } from "./types/stream-event.js";
import type { InferSchema } from "./types/schema.js";
import type { StrictRequest } from "./types/strict-request.js";
import type { ChatResponseOf, ChatStream, WithToolCalls } from "./types/stream-event.js";
import type { ToolCallOf } from "./types/tool.js";
import { freshAbortController } from "./pipeline/spare-abort-controllers.js";
import { TransportSet, type TransportFactory } from "./routing/transport-set.js";
import type { WarmupReport } from "./types/http-transport.js";
import { warmProviders, type WarmupOptions } from "./warm-providers.js";

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
  chat<R extends ChatRequest & StrictRequest<R>>(request: R): Promise<WithToolCalls<ChatResponseOf<ObjectOf<R>>, ToolCallOf<R>>>;
  /**
   * A streamed completion: iterate it for events; `final()` gives the response.
   *
   * @throws ValidationError synchronously for a malformed request.
   */
  stream<R extends ChatRequest & StrictRequest<R>>(request: R): ChatStream<ObjectOf<R>, ToolCallOf<R>>;
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
  /**
   * Listens to what the client does: `request`, `response` and `error` for each call, and beside
   * answering `retry`, `fallback`, `hedge`, `cache-hit`, `rate-limited`, `key-disabled`,
   * `circuit` and `budget-exceeded`. Listeners run in a task of their own after the step that caused the event, off the
   * call's path; one that throws or is slow never affects a call.
   *
   * @returns a function that removes the listener.
   * @example
   * ```ts
   * const off = llm.on("fallback", (e) => console.log(`${e.from.provider} failed (${e.error.name}), trying ${e.to.provider}`));
   * ```
   */
  on<T extends ClientEvent["type"]>(type: T, listener: ClientEventListener<T>): () => void;
  /**
   * Opens connections to the providers now, so that the first calls do not pay the TCP and TLS
   * handshakes (tens to hundreds of milliseconds to a real provider). A `GET /` of each provider's
   * origin, no key sent, through the `fetch` its SDK uses; with proxyless's transport the
   * connections then stay open `keepAliveMs` (Node's own `fetch` closes them after 4 s idle).
   *
   * @returns one report per provider, in order; it rejects only for bad options (`ConfigError`), an
   *   unreachable provider is a report with `ok: false`.
   * @example
   * ```ts
   * const llm = createClient({ providers: { openai: {}, anthropic: {} } });
   * await llm.warmup({ connections: 4 }); // before the first requests come in
   * ```
   */
  warmup(options?: WarmupOptions): Promise<WarmupReport[]>;
  /**
   * Closes the connections proxyless's transport holds (idle ones never keep the process alive,
   * so this is for tests and graceful shutdown). Calls made later open new ones.
   */
  close(): Promise<void>;
}

/**
 * Builds a client from a configuration and the provider types it can use. `src/index.ts` calls
 * this with the built-in adapters; core itself knows no provider.
 *
 * @throws ConfigError naming the offending path.
 */
export function createClientWith(config: ClientConfig, factories: readonly ProviderFactory[], transport?: TransportFactory): Client {
  checkClientConfig(config);
  const transports = new TransportSet(transport);
  const registry = new ProviderRegistry(config.providers ?? {}, factories, transports, config);
  const stats = new TargetStats();
  const prices = config.prices === false ? undefined : new PriceBook(config.prices ?? {}, (provider) => registry.priceRef(provider));
  const router = new Router(config.models ?? {}, registry, stats, Math.random, prices ? (route) => prices.rates(route) : undefined);
  const services: RoutingServices = { windows: new ContextWindows(config.contextWindows), stats, spareKey: (provider) => registry.spareKey(provider), pooled: (provider) => registry.isPool(provider) };
  const middleware = config.middleware ?? [];

  const events = new EventBus();
  const resolver: AttemptResolver = {
    adapter: (provider: string) => registry.adapter(provider),
    apiKey: (target) => registry.apiKey(target),
    beginKey: (target) => registry.beginKey(target),
    reportKey: (target, error, key) =>
      registry.reportKey(target, error, key, (provider, disabled) => events.emit({ type: "key-disabled", provider, keyIndex: disabled.keyIndex, status: disabled.status, keysLeft: disabled.keysLeft })),
    secrets: () => registry.secrets(),
    price: prices ? (target, usage, model) => prices.cost(target, usage, model) ?? unpriced(target) : undefined,
  };
  const routing: CallRouting = {
    resolve: (model: string, request?: ChatRequest) => router.resolve(model, request),
    chooseKey: (provider: string) => registry.nextKeyIndex(provider),
    emit: (event: ClientEvent) => events.emit(event),
    keyReady: (provider: string, besides: number) => registry.keyReady(provider, besides),
    estimateCost: (request: ChatRequest, outputTokens?: number) => (prices ? estimateCost(prices, router.plan(request).targets, request, outputTokens) : undefined),
  };
  // One target, and a key that is the provider's only one: nothing to route.
  const direct = (plan: Plan): Route | undefined => (plan.targets.length === 1 && !plan.hedge && !registry.isPool((plan.targets[0] as Route).provider) ? plan.targets[0] : undefined);

  /** The whole chain for one set of middleware, composed once. */
  function compose(active: readonly Middleware[]): Chains {
    const requestScope = active.filter((m: Middleware) => (m.scope ?? "request") === "request");
    // Companions go innermost, next to the adapter, in the order of the middleware that bring them.
    const attemptScope = [...active.filter((m: Middleware) => m.scope === "attempt"), ...active.flatMap((m: Middleware) => (m.attempt ? [m.attempt] : []))];
    const chatAttempts = composeAttemptChat(attemptScope, callAdapterChat(resolver));
    const streamAttempts = composeAttemptStream(attemptScope, callAdapterStream(resolver));
    // Without attempt-scope middleware every attempt reaches the adapter, which records it.
    const mayEndEarly = attemptScope.length > 0;

    // Routing sits between the two scopes: request-scope middleware may rewrite `model`. Each
    // dispatch is a new attempt, its key chosen now.
    const chatOn = (route: Route, request: ChatRequest, context: RequestScope): Promise<ChatResponse> => {
      const scope = AttemptScope.start(context, route);
      return mayEndEarly ? runAttemptChat(chatAttempts, request, scope) : chatAttempts(request, scope);
    };
    const streamOn = (route: Route, request: ChatRequest, context: RequestScope): AsyncIterable<StreamEvent> =>
      mayEndEarly
        ? runAttemptStream(streamAttempts, request, () => AttemptScope.start(context, route))
        : { [Symbol.asyncIterator]: () => streamAttempts(request, AttemptScope.start(context, route))[Symbol.asyncIterator]() };

    const dispatchChat: ChatHandler<RequestScope> = (request, context) => {
      const plan = router.plan(request);
      const only = direct(plan);
      if (only) return chatOn(only, request, context);
      return runPlan<ChatResponse>(plan, request, context, { run: (route, scope) => chatOn(route, request, scope), unwanted: unwantedAnswer }, services);
    };
    const dispatchStream: StreamHandler<RequestScope> = (request, context) => {
      const plan = router.plan(request);
      const only = direct(plan);
      if (only) return streamOn(only, request, context);
      // Falls back only until the first event: once one has gone out, the stream is that target's.
      const open = async (route: Route, scope: RequestScope): Promise<OpenedStream> => {
        const iterator = streamOn(route, request, scope)[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      };
      return {
        [Symbol.asyncIterator]: () =>
          new DeferredStream(() => runPlan<OpenedStream>(plan, request, context, { run: open, discard: (opened) => void opened.iterator.return?.()?.catch(() => undefined) }, services)),
      };
    };
    return {
      chat: composeRequestChat(requestScope, dispatchChat),
      stream: composeRequestStream(requestScope, dispatchStream),
      // Without any middleware, nobody but the caller ever sees a response: core may finish its own.
      finish: active.length === 0 ? completeInPlace : completeCopy,
    };
  }
  const chainsFor = activeChains(middleware, compose);

  async function chat(request: ChatRequest): Promise<ChatResponse> {
    validateRequest(request);
    const call = new CallState("chat", request.signal, routing);
    if (events.wants("request")) events.emit({ type: "request", callId: call.callId, kind: "chat", model: request.model });
    const chains = chainsFor();
    try {
      const response = chains.finish(await chains.chat(request, new RequestScope(call)), call, undefined);
      if (events.wants("response")) events.emit({ type: "response", callId: call.callId, kind: "chat", model: request.model, response });
      return response;
    } catch (error) {
      // What the chain throws is typed already, and a middleware's own error reaches the caller as
      // it threw it. Only the abort's bare reason, which a middleware waiting on the signal may
      // pass on, becomes the caller's cancellation.
      const thrown = call.aborted && error === request.signal?.reason ? callCancelled(error) : error;
      if (events.wants("error") && thrown instanceof Error) events.emit({ type: "error", callId: call.callId, kind: "chat", model: request.model, error: thrown });
      throw thrown;
    } finally {
      call.dispose();
    }
  }

  function stream(request: ChatRequest): ChatStream {
    validateRequest(request);
    const controller = freshAbortController();
    const call = new CallState("stream", undefined, routing, controller);
    const { callId } = call;
    const model = request.model;
    if (events.wants("request")) events.emit({ type: "request", callId, kind: "stream", model });
    const chains = chainsFor();
    return new ChatStreamImpl(chains.stream(request, new RequestScope(call)), {
      controller,
      callerSignal: request.signal,
      call,
      complete: (response, ttft) => {
        const done = chains.finish(response, call, ttft);
        if (events.wants("response")) events.emit({ type: "response", callId, kind: "stream", model, response: done });
        return done;
      },
      failed: (error) => {
        if (events.wants("error") && error instanceof Error) events.emit({ type: "error", callId, kind: "stream", model, error });
      },
    });
  }

  async function raw<T>(provider: string): Promise<T> {
    const adapter = registry.adapter(provider);
    if (!adapter.getClient) throw new ConfigError(`Provider "${provider}" has no SDK client to expose`, { path: `providers.${provider}` });
    const keyIndex = registry.nextKeyIndex(provider);
    return (await adapter.getClient(await registry.apiKey({ provider, model: "", keyIndex }))) as T;
  }

  const warmup = (options?: WarmupOptions): Promise<WarmupReport[]> => warmProviders(registry, options);
  // In the background: what failed is for an explicit warmup() to report.
  if (config.warmup === true) void warmup().catch(() => undefined);

  // The generic signatures only refine the type of `object`; the runtime is the same.
  return { chat: chat as Client["chat"], stream: stream as Client["stream"], raw, on: (type, listener) => events.on(type, listener), warmup, close: () => transports.close() };
}

/**
 * The response the caller gets: a new object with the call-level meta (every attempt, the whole
 * latency), known only once the whole call is done. Whatever a middleware holds (the adapter's
 * response, a cached one) is never changed.
 */
function completeCopy(response: ChatResponse, call: CallState, timeToFirstTokenMs: number | undefined): ChatResponse {
  const latencyMs = performance.now() - call.startedAt;
  const out = { ...response, meta: completeMeta(response.meta, call.attempts, latencyMs, timeToFirstTokenMs, call.timings(latencyMs)) };
  const cost = callCost(response, call.attempts);
  if (cost) out.cost = cost;
  return out;
}

/**
 * The call's cost again from every attempt finished by now, when more than the answer's was
 * charged since the answer summed them (a hedge's loser that completed in the same turn);
 * `undefined` when it stands.
 */
function callCost(response: ChatResponse, attempts: readonly AttemptRecord[]): Cost | undefined {
  if (!response.cost || attempts.length < 2) return undefined;
  const costs = attempts.flatMap((a) => (a.cost ? [a.cost] : []));
  if (costs.length < 2) return undefined;
  const sum = sumCosts(costs);
  return sum && sum.usd !== response.cost.usd ? sum : undefined;
}

/**
 * The same for a client without middleware, where the adapter's response has been seen by no one:
 * it is finished in place, sparing two copies on every call (a lazy `rateLimit` stays lazy).
 */
function completeInPlace(response: ChatResponse, call: CallState, timeToFirstTokenMs: number | undefined): ChatResponse {
  const meta = response.meta as { -readonly [K in keyof ResponseMeta]: ResponseMeta[K] };
  meta.attempts = call.attempts;
  meta.latencyMs = performance.now() - call.startedAt;
  meta.timings = call.timings(meta.latencyMs);
  if (timeToFirstTokenMs !== undefined) meta.timeToFirstTokenMs = timeToFirstTokenMs;
  const cost = callCost(response, call.attempts);
  if (cost) (response as { cost?: Cost }).cost = cost;
  return response;
}

/** A chat answer a route's `fallbackOn` moves on from: cut by the provider's filter, or a refusal. */
function unwantedAnswer(response: ChatResponse, plan: Plan): Error | undefined {
  const reason = response.finishReason;
  if ((reason !== "content_filter" && reason !== "refusal") || !plan.fallbackOn?.has(reason)) return undefined;
  return new ContentFilterError(`${response.provider} answered with finish reason "${reason}" (fallbackOn)`, { provider: response.provider, code: reason });
}
