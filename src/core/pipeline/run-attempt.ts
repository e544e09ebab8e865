import { AbortError } from "../errors/abort-error.js";
import { StreamInterruptedError } from "../errors/stream-interrupted-error.js";
import { finalizeResponse } from "../response/finalize-response.js";
import { StreamAccumulator } from "../stream/stream-accumulator.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { AttemptRecord, ChatResponse } from "../types/chat-response.js";
import type { MiddlewareContext } from "../types/middleware.js";
import type { ProviderAdapter } from "../types/provider-adapter.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { Target } from "../types/target.js";
import { toProxylessError } from "./to-proxyless-error.js";

/** Looks up what an attempt on a target needs; the key stays out of every context object. */
export interface AttemptResolver {
  adapter(provider: string): ProviderAdapter;
  apiKey(target: Target): string | undefined;
}

function targetOf(context: MiddlewareContext): Target {
  if (!context.target) throw new Error("proxyless: an attempt ran without a target (core bug)");
  return context.target;
}

function record(context: MiddlewareContext, entry: AttemptRecord): void {
  // Core owns this array (CallContext); middleware only see it read-only.
  (context.attempts as AttemptRecord[]).push(entry);
}

/** The innermost chat handler: one adapter call, recorded as one attempt. */
export function chatAttempt(resolver: AttemptResolver) {
  return async function runChatAttempt(request: ChatRequest, context: MiddlewareContext): Promise<ChatResponse> {
    const target = targetOf(context);
    const started = performance.now();
    try {
      const adapter = resolver.adapter(target.provider);
      const result = await adapter.doChat({
        request,
        model: target.model,
        apiKey: resolver.apiKey(target),
        signal: context.signal,
      });
      const response = await finalizeResponse(result, target.provider, request);
      record(context, { target, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const err = toProxylessError(error, context.signal, target.provider);
      record(context, { target, durationMs: performance.now() - started, error: err });
      throw err;
    }
  };
}

/**
 * The innermost stream handler: one adapter stream, folded into public events and recorded as
 * one attempt. A stream that ends without its `finish` part is an error, never a short answer.
 */
export function streamAttempt(resolver: AttemptResolver) {
  return async function* runStreamAttempt(request: ChatRequest, context: MiddlewareContext): AsyncGenerator<StreamEvent> {
    const target = targetOf(context);
    const started = performance.now();
    let recorded = false;
    const done = (error?: Error): void => {
      recorded = true;
      record(context, { target, durationMs: performance.now() - started, ...(error ? { error } : {}) });
    };
    try {
      const adapter = resolver.adapter(target.provider);
      const parts = adapter.doStream({ request, model: target.model, apiKey: resolver.apiKey(target), signal: context.signal });
      const acc = new StreamAccumulator();
      for await (const part of parts) {
        if (part.type !== "finish") {
          const event = acc.accept(part);
          if (event) yield event;
          continue;
        }
        const { events, result } = acc.finish(part);
        for (const event of events) yield event;
        const response = await finalizeResponse(result, target.provider, request);
        // Recorded before the finish event leaves: whoever reads the response sees this attempt.
        done();
        yield { type: "finish", response };
        return;
      }
      if (context.signal.aborted) throw new AbortError("The stream was aborted", { provider: target.provider, cause: context.signal.reason });
      throw new StreamInterruptedError(`The ${target.provider} stream ended before it finished`, { provider: target.provider });
    } catch (e) {
      const error = toProxylessError(e, context.signal, target.provider);
      if (!recorded) done(error);
      throw error;
    } finally {
      // A consumer's break: the attempt ended without an error of its own.
      if (!recorded) done();
    }
  };
}
