import type { ChatRequest } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../types/middleware.js";
import type { StreamEvent } from "../types/stream-event.js";

export type ChatHandler = (request: ChatRequest, context: MiddlewareContext) => Promise<ChatResponse>;
export type StreamHandler = (request: ChatRequest, context: MiddlewareContext) => AsyncIterable<StreamEvent>;

/**
 * Folds middleware around a terminal handler, once, when the client is created: the first
 * middleware in the list sees the request first and the response last.
 */
export function composeChat(middleware: readonly Middleware[], terminal: ChatHandler): ChatHandler {
  return middleware.reduceRight<ChatHandler>((next, mw) => {
    if (!mw.wrapChat && !mw.transformRequest) return next;
    return async function chatLayer(request, context) {
      const req = mw.transformRequest ? await mw.transformRequest({ request, context }) : request;
      if (!mw.wrapChat) return next(req, context);
      return mw.wrapChat({ request: req, context, next: (r) => next(r, context) });
    };
  }, terminal);
}

/** The stream counterpart of {@link composeChat}. Every layer stays lazy until iterated. */
export function composeStream(middleware: readonly Middleware[], terminal: StreamHandler): StreamHandler {
  return middleware.reduceRight<StreamHandler>((next, mw) => {
    if (!mw.wrapStream && !mw.transformRequest) return next;
    const wrap = (request: ChatRequest, context: MiddlewareContext): AsyncIterable<StreamEvent> =>
      mw.wrapStream ? mw.wrapStream({ request, context, next: (r) => next(r, context) }) : next(request, context);
    if (!mw.transformRequest) return wrap;
    const transform = mw.transformRequest.bind(mw);
    return async function* transformLayer(request, context) {
      yield* wrap(await transform({ request, context }), context);
    };
  }, terminal);
}
