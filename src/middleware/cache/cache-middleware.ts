import { AbortError } from "../../core/errors/abort-error.js";
import { ConfigError } from "../../core/errors/config-error.js";
import { TimeoutError } from "../../core/errors/timeout-error.js";
import { withMeta } from "../../core/response/finalize-response.js";
import { parseModelId } from "../../core/routing/parse-model-id.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { CacheInfo, ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { Warning } from "../../core/types/warning.js";
import type { CacheStore } from "../../stores/cache-store.js";
import { memoryStore } from "../../stores/memory/memory-store.js";
import { eventsOf, isCacheable, parseEntry, responseOf, serializeEntry, type CacheEntry } from "./cache-entry.js";
import { cacheKeyOf, type KeyParts, type KeyRoute } from "./cache-key.js";
import type { CacheMiddlewareOptions, CacheStats } from "./cache-options.js";
import { after, Flight, LEADER_GONE, sleep, UNSTORABLE, untilAborted, type FlightResult } from "./flight.js";

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
  | { readonly kind: "entry"; readonly entry: CacheEntry; readonly shared: boolean; readonly stored: boolean }
  | { readonly kind: "lead"; readonly flight?: Flight; readonly token?: string; readonly storeError?: unknown };
type Lead = Extract<Obtained, { kind: "lead" }>;

/** How a leading call ended: its entry and whether it may be stored, or why there is none. */
type LeadOutcome = { readonly text: string; readonly cacheable: boolean } | { readonly error: unknown };

const POLL_START_MS = 5;
const POLL_MAX_MS = 100;
const TIMED_OUT: unique symbol = Symbol("timed out");

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
  const lockTtlMs = positive(options.lockTtlMs ?? 30_000, "lockTtlMs");
  const lockWaitMs = positive(options.lockWaitMs ?? 30_000, "lockWaitMs");
  positive(defaultTtlMs, "ttlMs");
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

  /** The key, or the reason there is none (a value JSON cannot hold, which no SDK could send). */
  function keyOf(request: ChatRequest, context: MiddlewareContext): string | { readonly error: unknown } {
    const route = context.route(request.model, request);
    try {
      return cacheKeyOf(request, route, namespaceOf(request)).key;
    } catch (error) {
      return { error };
    }
  }

  async function readEntry(key: string): Promise<CacheEntry | undefined> {
    const text = await store.get(key);
    return text === undefined ? undefined : parseEntry(text);
  }

  /**
   * Waits for another process's call: its entry, or `undefined` once its lock is gone or the wait
   * is over. A `refresh` takes only an entry stored after it started.
   */
  async function waitForOther(key: string, signal: AbortSignal, newerThan: number, waitMs: number): Promise<CacheEntry | undefined> {
    const deadline = performance.now() + waitMs;
    let pause = POLL_START_MS;
    while (performance.now() < deadline) {
      await sleep(Math.min(pause, Math.max(0, deadline - performance.now())), signal);
      pause = Math.min(pause * 2, POLL_MAX_MS);
      const entry = await readEntry(key);
      if (entry && entry.storedAt > newerThan) return entry;
      // A store that cannot tell is waited on until the deadline.
      if (store.isLocked && !(await store.isLocked(key))) {
        // The holder may have stored its entry and let go between the two reads.
        const last = await readEntry(key);
        return last && last.storedAt > newerThan ? last : undefined;
      }
    }
    return undefined;
  }

  /** Waits for a flight in this process, bounded like a wait for another process. */
  async function waitForFlight(flight: Flight, signal: AbortSignal, waitMs: number): Promise<FlightResult | typeof TIMED_OUT> {
    return untilAborted(Promise.race([flight.promise, after(waitMs).then((): typeof TIMED_OUT => TIMED_OUT)]), signal);
  }

  /**
   * @param context read for its signal only when there is something to wait for: a chat's signal
   *   is created when first read, which a hit should not pay for.
   */
  async function obtain(key: string, request: ChatRequest, context: MiddlewareContext): Promise<Obtained> {
    const mode = request.cache?.mode ?? "default";
    const startedAt = Date.now();
    // One budget for all the waiting of this call; a request with a time limit of its own waits no
    // longer than that for another's call.
    const deadline = performance.now() + Math.min(lockWaitMs, request.timeoutMs ?? Number.POSITIVE_INFINITY);
    const left = (): number => Math.max(0, deadline - performance.now());
    for (;;) {
      let storeError: unknown;
      if (mode !== "refresh") {
        try {
          const entry = await readEntry(key);
          if (entry) return { kind: "entry", entry, shared: false, stored: true };
        } catch (error) {
          storeError = error;
          counts.errors++;
        }
      }
      if (!singleFlight) return { kind: "lead", ...(storeError !== undefined ? { storeError } : {}) };
      const inFlight = flights.get(key);
      // A refresh wants an answer newer than one already given.
      if (inFlight && !(mode === "refresh" && inFlight.resolved)) {
        let result: FlightResult | typeof TIMED_OUT;
        try {
          result = left() > 0 ? await waitForFlight(inFlight, context.signal, left()) : TIMED_OUT;
        } catch (error) {
          // Its leader went away (the flight is gone from the map already): lead anew.
          if (error === LEADER_GONE) continue;
          // Its answer cannot be stored: every waiter goes upstream at once, on its own.
          if (error === UNSTORABLE) return { kind: "lead", ...(storeError !== undefined ? { storeError } : {}) };
          throw error;
        }
        if (result === TIMED_OUT) {
          // Its leader is stuck: this call takes its place, so that no later call waits on it too.
          forget(key, inFlight);
          const flight = new Flight();
          flights.set(key, flight);
          return { kind: "lead", flight, ...(storeError !== undefined ? { storeError } : {}) };
        }
        const entry = parseEntry(result.text);
        if (entry) return { kind: "entry", entry, shared: true, stored: result.stored };
        continue;
      }
      const flight = new Flight();
      flights.set(key, flight);
      if (storeError !== undefined || !store.acquireLock) return { kind: "lead", flight, ...(storeError !== undefined ? { storeError } : {}) };
      try {
        const newerThan = mode === "refresh" ? startedAt : 0;
        let token = await store.acquireLock(key, lockTtlMs);
        // Another process holds it: wait for its entry, take the lock once it is free (or lead
        // without one when the wait is over).
        while (token === undefined && left() > 0) {
          const entry = await waitForOther(key, context.signal, newerThan, left());
          if (entry) {
            forget(key, flight);
            flight.resolve({ text: JSON.stringify(entry), stored: true });
            return { kind: "entry", entry, shared: true, stored: true };
          }
          token = await store.acquireLock(key, lockTtlMs);
        }
        if (token !== undefined && mode !== "refresh") {
          // The holder before may have stored its entry and let go just before this lock was taken.
          // A failed read here is no entry: the lock is held, and finishing the lead releases it.
          const entry = await readEntry(key).catch(() => undefined);
          if (entry) {
            try {
              await store.releaseLock?.(key, token);
            } catch {
              counts.errors++;
            }
            forget(key, flight);
            flight.resolve({ text: JSON.stringify(entry), stored: true });
            return { kind: "entry", entry, shared: true, stored: true };
          }
        }
        return { kind: "lead", flight, ...(token !== undefined ? { token } : {}) };
      } catch (error) {
        if (context.signal.aborted) {
          forget(key, flight);
          flight.reject(LEADER_GONE);
          throw error;
        }
        counts.errors++;
        return { kind: "lead", flight, storeError: error };
      }
    }
  }

  function forget(key: string, flight: Flight | undefined): void {
    if (flight && flights.get(key) === flight) flights.delete(key);
  }

  /**
   * Settles the flight at once. An answer is stored in the background, then the lock and the flight
   * are let go of (a resolved flight answers newcomers until its entry is in the store). A failed
   * flight is forgotten before its waiters hear of it, so they never find it again.
   */
  function finishLead(key: string, lead: Lead, outcome: LeadOutcome, ttlMs: number, mode: Mode): void {
    const write = "text" in outcome && outcome.cacheable && mode !== "no-store" && lead.storeError === undefined;
    if (!("text" in outcome)) {
      forget(key, lead.flight);
      // A cancellation or a timeout belongs to the leader's own call: its waiters try themselves.
      const error = outcome.error instanceof AbortError || outcome.error instanceof TimeoutError ? LEADER_GONE : outcome.error;
      lead.flight?.reject(error);
    } else lead.flight?.resolve({ text: outcome.text, stored: write });
    void (async () => {
      try {
        if (write) {
          await store.set(key, outcome.text, ttlMs);
          counts.writes++;
        }
      } catch {
        counts.errors++;
      }
      try {
        if (lead.token !== undefined) await store.releaseLock?.(key, lead.token);
      } catch {
        counts.errors++;
      } finally {
        forget(key, lead.flight);
      }
    })();
  }

  /** The entry of a leader's answer, or `undefined` with a warning when JSON cannot hold it. */
  function entryText(response: ChatResponse, events: readonly string[] | undefined | typeof UNSTORABLE, warnings: Warning[]): string | undefined {
    try {
      if (events === UNSTORABLE) throw new TypeError("an event of the stream cannot be written as JSON");
      return serializeEntry(response, events);
    } catch (error) {
      warnings.push({ type: "other", setting: "cache", message: `not cached: the answer cannot be written as JSON (${error instanceof Error ? error.message : "unknown"})` });
      return undefined;
    }
  }

  /** Ends a lead with the leader's answer; returns what to mark it with. */
  function settleLead(key: string, lead: Lead, response: ChatResponse, events: readonly string[] | undefined | typeof UNSTORABLE, ttlMs: number, mode: Mode): ChatResponse {
    const warnings: Warning[] = [];
    const text = entryText(response, events, warnings);
    finishLead(key, lead, text === undefined ? { error: UNSTORABLE } : { text, cacheable: isCacheable(response) }, ttlMs, mode);
    return marked(response, leadInfo(key, lead, mode), warnings);
  }

  function leadInfo(key: string, lead: Lead, mode: Mode): { cache: CacheInfo; warning?: Warning } {
    if (lead.storeError !== undefined) {
      counts.skips++;
      const reason = lead.storeError instanceof Error ? lead.storeError.message : JSON.stringify(lead.storeError);
      return { cache: { status: "skip", key }, warning: { type: "other", setting: "cache", message: `cache skipped: the ${store.name ?? "store"} failed (${reason})` } };
    }
    counts.misses++;
    return { cache: { status: mode === "refresh" ? "refresh" : "miss", key } };
  }

  function marked(response: ChatResponse, info: { cache: CacheInfo; warning?: Warning }, more: readonly Warning[] = []): ChatResponse {
    const added = info.warning ? [info.warning, ...more] : more;
    return withMeta(response, added.length > 0 ? { cache: info.cache, warnings: [...response.meta.warnings, ...added] } : { cache: info.cache });
  }

  /** A call that cannot be keyed goes upstream as it is, saying why. */
  function unkeyed(response: ChatResponse, error: unknown): ChatResponse {
    counts.skips++;
    const reason = error instanceof Error ? error.message : "unknown";
    return withMeta(response, { cache: { status: "skip" }, warnings: [...response.meta.warnings, { type: "other", setting: "cache", message: `not cached: the request has no cache key (${reason})` }] });
  }

  /** A response from an entry; one from a flight whose answer may not be stored is a shared miss. */
  function served(obtained: Extract<Obtained, { kind: "entry" }>, key: string, request: ChatRequest, context: MiddlewareContext): ChatResponse | Promise<ChatResponse> {
    const { entry, shared, stored } = obtained;
    if (shared) counts.shared++;
    else counts.hits++;
    context.emit({ type: "cache-hit", callId: context.callId, model: request.model, shared });
    const info: CacheInfo = stored
      ? { status: "hit", key, ageMs: Math.max(0, Date.now() - entry.storedAt), ...(shared ? { shared } : {}) }
      : { status: "miss", key, shared: true };
    return responseOf(entry, request, info, stored);
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
      if (typeof key !== "string") return unkeyed(await next(request), key.error);
      const lookup = performance.now();
      const obtained = await obtain(key, request, context);
      context.waited("cache", performance.now() - lookup);
      if (obtained.kind === "entry") return served(obtained, key, request, context);
      const ttlMs = request.cache?.ttlMs ?? defaultTtlMs;
      let response: ChatResponse;
      try {
        response = await next(request);
      } catch (error) {
        finishLead(key, obtained, { error: context.signal.aborted ? LEADER_GONE : error }, ttlMs, mode);
        throw error;
      }
      return settleLead(key, obtained, response, undefined, ttlMs, mode);
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
      if (typeof key !== "string") {
        for await (const event of next(request)) yield event.type === "finish" ? { type: "finish", response: unkeyed(event.response, key.error) } : event;
        return;
      }
      const lookup = performance.now();
      const obtained = await obtain(key, request, context);
      context.waited("cache", performance.now() - lookup);
      if (obtained.kind === "entry") {
        const response = await served(obtained, key, request, context);
        for (const [index, event] of eventsOf(obtained.entry, response).entries()) {
          if (replayDelayMs > 0 && index > 0) {
            const paused = performance.now();
            await sleep(replayDelayMs, context.signal);
            context.waited("cache", performance.now() - paused);
          }
          yield event;
        }
        return;
      }
      const ttlMs = request.cache?.ttlMs ?? defaultTtlMs;
      // Written as they pass, so that a caller changing an event it got changes nothing stored.
      const events: string[] = [];
      let storable = true;
      let settled = false;
      try {
        for await (const event of next(request)) {
          if (event.type !== "finish") {
            if (storable) {
              try {
                events.push(JSON.stringify(event));
              } catch {
                // The stream goes on for its caller; it is only not stored.
                storable = false;
              }
            }
            yield event;
            continue;
          }
          settled = true;
          yield { type: "finish", response: settleLead(key, obtained, event.response, storable ? events : UNSTORABLE, ttlMs, mode) };
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

function positive(value: number, option: string): number {
  if (Number.isFinite(value) && value > 0) return value;
  throw new ConfigError(`cache: ${option} must be a positive number of milliseconds, got ${String(value)}`, { path: option });
}
