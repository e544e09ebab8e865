import { withMeta } from "../../core/response/finalize-response.js";
import { parseModelId } from "../../core/routing/parse-model-id.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { CacheInfo, ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import type { Warning } from "../../core/types/warning.js";
import type { CacheStore } from "../../stores/cache-store.js";
import { memoryStore } from "../../stores/memory/memory-store.js";
import { eventsOf, isCacheable, parseEntry, responseOf, serializeEntry, type CacheEntry } from "./cache-entry.js";
import { cacheKeyOf, type KeyParts, type KeyRoute } from "./cache-key.js";
import type { CacheMiddlewareOptions, CacheStats } from "./cache-options.js";
import { Flight, LEADER_GONE, sleep, untilAborted } from "./flight.js";

/** The cache middleware, with what it can tell about itself. */
export interface CacheMiddleware extends Middleware {
  /**
   * What goes into the key of a request: the canonical JSON hashed, and the key. A call resolves
   * `model` through the client's aliases; pass `route` (`{ provider, model }`) to see the key of an
   * alias, otherwise `model` is read as `provider/model`.
   */
  explain(request: ChatRequest, route?: KeyRoute): KeyParts;
  /** Counters since it was made. */
  stats(): CacheStats;
}

type Mode = NonNullable<NonNullable<ChatRequest["cache"]>["mode"]>;

/** How a call gets its answer: from the cache (or another call in flight), or by leading one. */
type Obtained =
  | { readonly kind: "entry"; readonly entry: CacheEntry; readonly shared: boolean }
  | { readonly kind: "lead"; readonly flight?: Flight; readonly token?: string; readonly storeError?: unknown };

/** How a leading call ended. */
type LeadOutcome = { readonly text: string; readonly cacheable: boolean } | { readonly error: unknown };

const POLL_START_MS = 5;
const POLL_MAX_MS = 100;

/**
 * An exact-match response cache, request scope: identical requests (every field that can change
 * the answer, in canonical form) get the stored answer instead of an upstream call, for `chat` and
 * `stream` alike, and identical requests in flight share one upstream call.
 *
 * A failing store never fails a call: the call goes upstream, with a warning and `meta.cache.status`
 * `"skip"`.
 *
 * @example
 * ```ts
 * import { cache, createClient } from "proxyless";
 *
 * const llm = createClient({ middleware: [cache({ ttlMs: 10 * 60_000, namespaceFrom: "tenant" })] });
 * const res = await llm.chat({ model: "openai/gpt-4o-mini", messages, metadata: { tenant: "acme" } });
 * res.meta.cached; // true on the second identical call
 * ```
 */
export function cache(options: CacheMiddlewareOptions = {}): CacheMiddleware {
  const store: CacheStore = options.store ?? memoryStore();
  const defaultTtlMs = options.ttlMs ?? 3_600_000;
  const singleFlight = options.singleFlight ?? true;
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const lockWaitMs = options.lockWaitMs ?? 30_000;
  const replayDelayMs = options.replayDelayMs ?? 0;
  const flights = new Map<string, Flight>();
  const counts = { hits: 0, misses: 0, shared: 0, skips: 0, errors: 0, bypasses: 0, writes: 0 };

  function namespaceOf(request: ChatRequest): string {
    const base = options.namespace ?? "";
    if (options.namespaceFrom === undefined) return base;
    const tenant = request.metadata?.[options.namespaceFrom];
    // A NUL cannot occur in either part's JSON, so no two pairs give one namespace.
    return tenant === undefined ? base : `${base}\u0000${options.namespaceFrom}\u0000${tenant}`;
  }

  function keyOf(request: ChatRequest, context: MiddlewareContext): string {
    return cacheKeyOf(request, context.route(request.model), namespaceOf(request)).key;
  }

  async function readEntry(key: string): Promise<CacheEntry | undefined> {
    const text = await store.get(key);
    return text === undefined ? undefined : parseEntry(text);
  }

  /** Waits for another process's call: its entry, or `undefined` once its lock is gone or the wait is over. */
  async function waitForOther(key: string, signal: AbortSignal): Promise<CacheEntry | undefined> {
    const deadline = performance.now() + lockWaitMs;
    let pause = POLL_START_MS;
    while (performance.now() < deadline) {
      await sleep(Math.min(pause, Math.max(0, deadline - performance.now())), signal);
      pause = Math.min(pause * 2, POLL_MAX_MS);
      const entry = await readEntry(key);
      if (entry) return entry;
      if (!(await store.isLocked?.(key))) return undefined;
    }
    return undefined;
  }

  /**
   * @param context read for its signal only when there is something to wait for: a chat's signal
   *   is created when first read, which a hit should not pay for.
   */
  async function obtain(key: string, mode: Mode, context: MiddlewareContext): Promise<Obtained> {
    for (;;) {
      let storeError: unknown;
      if (mode !== "refresh") {
        try {
          const entry = await readEntry(key);
          if (entry) return { kind: "entry", entry, shared: false };
        } catch (error) {
          storeError = error;
          counts.errors++;
        }
      }
      if (!singleFlight) return { kind: "lead", ...(storeError !== undefined ? { storeError } : {}) };
      const inFlight = flights.get(key);
      if (inFlight) {
        try {
          const text = await untilAborted(inFlight.promise, context.signal);
          const entry = parseEntry(text);
          if (entry) return { kind: "entry", entry, shared: true };
        } catch (error) {
          if (error !== LEADER_GONE) throw error;
        }
        continue;
      }
      const flight = new Flight();
      flights.set(key, flight);
      if (storeError !== undefined || !store.acquireLock) return { kind: "lead", flight, ...(storeError !== undefined ? { storeError } : {}) };
      try {
        let token = await store.acquireLock(key, lockTtlMs);
        if (token === undefined) {
          const entry = await waitForOther(key, context.signal);
          if (entry) {
            flight.resolve(JSON.stringify(entry));
            flights.delete(key);
            return { kind: "entry", entry, shared: true };
          }
          // The other call ended without an entry (or took too long): this one goes itself.
          token = await store.acquireLock(key, lockTtlMs);
        }
        return { kind: "lead", flight, ...(token !== undefined ? { token } : {}) };
      } catch (error) {
        if (context.signal.aborted) {
          flight.reject(LEADER_GONE);
          flights.delete(key);
          throw error;
        }
        counts.errors++;
        return { kind: "lead", flight, storeError: error };
      }
    }
  }

  /** Settles the flight at once; stores the entry, then lets go of the lock and the flight, in the background. */
  function finishLead(key: string, lead: Extract<Obtained, { kind: "lead" }>, outcome: LeadOutcome, ttlMs: number, mode: Mode): void {
    if ("text" in outcome) lead.flight?.resolve(outcome.text);
    else lead.flight?.reject(outcome.error);
    const store_ = "text" in outcome && outcome.cacheable && mode !== "no-store" && lead.storeError === undefined;
    void (async () => {
      if (store_) {
        try {
          await store.set(key, outcome.text, ttlMs);
          counts.writes++;
        } catch {
          counts.errors++;
        }
      }
      if (lead.token !== undefined) await store.releaseLock?.(key, lead.token).catch(() => counts.errors++);
      if (lead.flight && flights.get(key) === lead.flight) flights.delete(key);
    })();
  }

  function leadInfo(key: string, lead: Extract<Obtained, { kind: "lead" }>, mode: Mode): { cache: CacheInfo; warning?: Warning } {
    if (lead.storeError !== undefined) {
      counts.skips++;
      const reason = lead.storeError instanceof Error ? lead.storeError.message : JSON.stringify(lead.storeError);
      return { cache: { status: "skip", key }, warning: { type: "other", setting: "cache", message: `cache skipped: the ${store.name ?? "store"} failed (${reason})` } };
    }
    counts.misses++;
    return { cache: { status: mode === "refresh" ? "refresh" : "miss", key } };
  }

  function marked(response: ChatResponse, info: { cache: CacheInfo; warning?: Warning }): ChatResponse {
    return withMeta(response, info.warning ? { cache: info.cache, warnings: [...response.meta.warnings, info.warning] } : { cache: info.cache });
  }

  function served(entry: CacheEntry, shared: boolean, key: string, request: ChatRequest): ChatResponse | Promise<ChatResponse> {
    if (shared) counts.shared++;
    else counts.hits++;
    const info: CacheInfo = { status: "hit", key, ageMs: Math.max(0, Date.now() - entry.storedAt), ...(shared ? { shared } : {}) };
    return responseOf(entry, request, info, true);
  }

  const middleware: CacheMiddleware = {
    name: options.name ?? "cache",

    async wrapChat({ request, context, next }) {
      const mode = request.cache?.mode ?? "default";
      if (mode === "bypass") {
        counts.bypasses++;
        return withMeta(await next(request), { cache: { status: "bypass" } });
      }
      const key = keyOf(request, context);
      const obtained = await obtain(key, mode, context);
      if (obtained.kind === "entry") return served(obtained.entry, obtained.shared, key, request);
      const ttlMs = request.cache?.ttlMs ?? defaultTtlMs;
      let response: ChatResponse;
      try {
        response = await next(request);
      } catch (error) {
        finishLead(key, obtained, { error: context.signal.aborted ? LEADER_GONE : error }, ttlMs, mode);
        throw error;
      }
      finishLead(key, obtained, { text: serializeEntry(response), cacheable: isCacheable(response) }, ttlMs, mode);
      return marked(response, leadInfo(key, obtained, mode));
    },

    async *wrapStream({ request, context, next }) {
      const mode = request.cache?.mode ?? "default";
      if (mode === "bypass") {
        counts.bypasses++;
        for await (const event of next(request)) {
          yield event.type === "finish" ? { type: "finish", response: withMeta(event.response, { cache: { status: "bypass" } }) } : event;
        }
        return;
      }
      const key = keyOf(request, context);
      const obtained = await obtain(key, mode, context);
      if (obtained.kind === "entry") {
        const response = await served(obtained.entry, obtained.shared, key, request);
        for (const [index, event] of eventsOf(obtained.entry, response).entries()) {
          if (replayDelayMs > 0 && index > 0) await sleep(replayDelayMs, context.signal);
          yield event;
        }
        return;
      }
      const ttlMs = request.cache?.ttlMs ?? defaultTtlMs;
      const events: StreamEvent[] = [];
      let settled = false;
      try {
        for await (const event of next(request)) {
          if (event.type !== "finish") {
            events.push(event);
            yield event;
            continue;
          }
          settled = true;
          finishLead(key, obtained, { text: serializeEntry(event.response, events), cacheable: isCacheable(event.response) }, ttlMs, mode);
          yield { type: "finish", response: marked(event.response, leadInfo(key, obtained, mode)) };
        }
      } catch (error) {
        if (!settled) finishLead(key, obtained, { error: context.signal.aborted ? LEADER_GONE : error }, ttlMs, mode);
        settled = true;
        throw error;
      } finally {
        // Left before its finish (a break, an abort): nothing is stored, and a waiter leads anew.
        if (!settled) finishLead(key, obtained, { error: LEADER_GONE }, ttlMs, mode);
      }
    },

    explain(request, route) {
      const resolved = route ?? parseModelId(request.model) ?? { provider: "", model: request.model };
      return cacheKeyOf(request, resolved, namespaceOf(request));
    },

    stats: () => ({ ...counts }),
  };
  return middleware;
}
