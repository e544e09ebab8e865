import type { CallTimings } from "../core/types/chat-response.js";
import type { AttemptInfo, MiddlewareContext } from "../core/types/middleware.js";
import type { Target } from "../core/types/target.js";

const NO_TIME: CallTimings = Object.freeze({ queuedMs: 0, backoffMs: 0, cacheMs: 0, providerMs: 0, overheadMs: 0 });

/** Attempt 1 on `target`, which `abortable()` cancels alone (its signal aborts; the context's does not). */
function testAttempt(target: Target): AttemptInfo {
  const controller = new AbortController();
  const abort = (reason: unknown): void => controller.abort(reason);
  return { number: 1, id: "attempt-1", target, signal: controller.signal, abortable: () => abort, state: new Map() };
}

/**
 * A `MiddlewareContext` for unit tests of a middleware, without a client: an attempt-scope context
 * on `openai/gpt-4o-mini` (key 0) by default, with `attempt` number 1 (a request-scope one,
 * `{ scope: "request" }`, has neither `attempt` nor `target`), whose services do nothing (`emit`,
 * `waited`), know no spare key, no time and no prices. Give `overrides` for what the test looks at.
 *
 * @example
 * ```ts
 * import { middlewareContext } from "proxyless/testing";
 *
 * const events: ClientEvent[] = [];
 * const context = middlewareContext({ emit: (e) => void events.push(e) });
 * await myMiddleware.wrapChat!({ request, context, next: () => Promise.resolve(response) });
 * ```
 */
export function middlewareContext(overrides: Partial<MiddlewareContext> = {}): MiddlewareContext {
  const target = overrides.target ?? { provider: "openai", model: "gpt-4o-mini", keyIndex: 0 };
  const signal = new AbortController().signal;
  // As core hands them: only attempt scope has an attempt and a target.
  const attemptScope = (overrides.scope ?? "attempt") === "attempt";
  const base: MiddlewareContext = {
    kind: "chat",
    scope: "attempt",
    callId: "call-1",
    startedAt: 0,
    signal,
    ...(attemptScope ? { target, attempt: testAttempt(target) } : {}),
    attempts: [],
    state: new Map(),
    route: (model) => ({ provider: target.provider, model: model.includes("/") ? model.slice(model.indexOf("/") + 1) : model }),
    emit: () => undefined,
    keyReady: () => false,
    waited: () => undefined,
    timings: () => NO_TIME,
    estimateCost: () => undefined,
  };
  // Getters in `overrides` (a signal that counts its reads) are kept as getters.
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(overrides));
}
