import type { CallTimings } from "../types/chat-response.js";

/** What a call's time can be spent on, besides proxyless's own work. */
export type WaitKind = "queue" | "backoff" | "cache";
type Kind = "provider" | WaitKind;

/** One stretch of a call's time; `end` is unset while it lasts (a hedge's loser still with its provider). */
export interface Stretch {
  readonly kind: Kind;
  readonly start: number;
  end: number | undefined;
}

/** Which kind a moment counts as when several overlap: the provider first, then waits in this order. */
const PRIORITY: readonly Kind[] = ["provider", "queue", "backoff", "cache"];
/** Pulls of a stream this close together are one stretch with the provider: a consumer that fast is no time of its own. */
const JOIN_MS = 0.1;

/**
 * The stretches of a call's time (with a provider, waiting for limits, backoff, the cache), and
 * where the time went: each moment counts once, as the first of provider, queue, backoff, cache
 * that covers it, and what no stretch covers is overhead. So the parts add up to the latency, a
 * hedge's attempts overlapping or not.
 */
export class CallTimeline {
  readonly #stretches: Stretch[] = [];

  /** A middleware waited `ms`, until now. */
  waited(kind: WaitKind, ms: number): void {
    if (!(ms > 0)) return;
    const end = performance.now();
    this.#stretches.push({ kind, start: end - ms, end });
  }

  /** An attempt is with its provider from `start`; set `end` on what this returns when it answers. */
  provider(start: number): Stretch {
    const last = this.#stretches.at(-1);
    // The next pull of the same stream, right after the last answered: one stretch.
    if (last?.kind === "provider" && last.end !== undefined && start - last.end < JOIN_MS) {
      last.end = undefined;
      return last;
    }
    const stretch: Stretch = { kind: "provider", start, end: undefined };
    this.#stretches.push(stretch);
    return stretch;
  }

  /** Where the time from `from` to `to` went. */
  timings(from: number, to: number): CallTimings {
    const stretches = this.#stretches;
    const spent = { provider: 0, queue: 0, backoff: 0, cache: 0 };
    if (stretches.length === 1) {
      const only = stretches[0] as Stretch;
      spent[only.kind] = Math.max(0, Math.min(to, only.end ?? to) - Math.max(from, only.start));
    } else if (stretches.length > 1) sweep(stretches, from, to, spent);
    const waited = spent.provider + spent.queue + spent.backoff + spent.cache;
    return { queuedMs: spent.queue, backoffMs: spent.backoff, cacheMs: spent.cache, providerMs: spent.provider, overheadMs: Math.max(0, to - from - waited) };
  }
}

/** Walks the stretches' edges in order, giving each stretch of time to the first kind that covers it. */
function sweep(stretches: readonly Stretch[], from: number, to: number, spent: Record<Kind, number>): void {
  const edges: { at: number; kind: Kind; delta: 1 | -1 }[] = [];
  for (const s of stretches) {
    const start = Math.max(from, s.start);
    const end = Math.min(to, s.end ?? to);
    if (end <= start) continue;
    edges.push({ at: start, kind: s.kind, delta: 1 }, { at: end, kind: s.kind, delta: -1 });
  }
  edges.sort((a, b) => a.at - b.at);
  const open = { provider: 0, queue: 0, backoff: 0, cache: 0 };
  let at = from;
  for (const edge of edges) {
    if (edge.at > at) {
      const kind = PRIORITY.find((k) => open[k] > 0);
      if (kind) spent[kind] += edge.at - at;
      at = edge.at;
    }
    open[edge.kind] += edge.delta;
  }
}
