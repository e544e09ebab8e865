import type { ChatResponse } from "../types/chat-response.js";
import type { Middleware } from "../types/middleware.js";
import type { RequestScope } from "./call-context.js";
import type { CallState } from "./call-state.js";
import type { ChatHandler, StreamHandler } from "./compose.js";

/** Everything a call runs through, for one set of middleware. */
export interface Chains {
  readonly chat: ChatHandler<RequestScope>;
  readonly stream: StreamHandler<RequestScope>;
  /** Completes the response the chain gave with the call's own meta. */
  readonly finish: (response: ChatResponse, call: CallState, timeToFirstTokenMs: number | undefined) => ChatResponse;
}

/** How many middleware may sit calls out: one bit each of a set's key. */
const MAX_IDLING = 30;

/**
 * The chains for each call: the whole list's, composed once, unless middleware that can sit a call
 * out (`idle()`) say they will; then those of the list without them, composed once per such set
 * when first needed. A middleware whose `idle` throws takes part.
 */
export function activeChains(middleware: readonly Middleware[], compose: (active: readonly Middleware[]) => Chains): () => Chains {
  const full = compose(middleware);
  const idling = middleware.filter((m) => typeof m.idle === "function").slice(0, MAX_IDLING);
  if (idling.length === 0) return () => full;
  const bySet = new Map<number, Chains>();
  return () => {
    let set = 0;
    for (let i = 0; i < idling.length; i++) if (sitsOut(idling[i] as Middleware)) set |= 1 << i;
    if (set === 0) return full;
    let chains = bySet.get(set);
    if (!chains) {
      const out = new Set(idling.filter((_, i) => (set & (1 << i)) !== 0));
      chains = compose(middleware.filter((m) => !out.has(m)));
      bySet.set(set, chains);
    }
    return chains;
  };
}

function sitsOut(mw: Middleware): boolean {
  try {
    return mw.idle?.() === true;
  } catch {
    return false;
  }
}
