import type { AttemptRecord, ChatResponse } from "../../core/types/chat-response.js";
import type { CallEnd } from "./observe-call.js";
import type { ResolvedStatsOptions } from "./resolve-stats-options.js";
import { SampleRing } from "./sample-ring.js";
import type { StatsCounts, StatsSnapshot, TargetStats } from "./stats-snapshot.js";

/** Where a call that reached no target is counted: one bucket, whatever the model string was. */
const UNROUTED = { provider: "(unrouted)", model: "(unrouted)" } as const;

type Place = { readonly provider: string; readonly model: string };

/** The live, mutable counts behind one {@link StatsCounts}. */
class Counts {
  calls = 0;
  answered = 0;
  failed = 0;
  cancelled = 0;
  attempts = 0;
  retries = 0;
  fallbacks = 0;
  cacheHits = 0;
  readonly errors = new Map<string, number>();
  readonly callErrors = new Map<string, number>();
  readonly latency: SampleRing;
  readonly firstToken: SampleRing;
  readonly tokens = { input: 0, output: 0, total: 0, cached: 0, reasoning: 0 };
  costUsd = 0;
  unpriced = 0;

  constructor(windowSize: number) {
    this.latency = new SampleRing(windowSize);
    this.firstToken = new SampleRing(windowSize);
  }

  toJSON(): StatsCounts {
    const [p50, p95, p99] = this.latency.percentiles([50, 95, 99]);
    const [firstTokenP50] = this.firstToken.percentiles([50]);
    return {
      calls: this.calls,
      answered: this.answered,
      failed: this.failed,
      cancelled: this.cancelled,
      attempts: this.attempts,
      retries: this.retries,
      fallbacks: this.fallbacks,
      cacheHits: this.cacheHits,
      hitRate: this.calls === 0 ? null : Math.round((this.cacheHits / this.calls) * 10_000) / 10_000,
      errors: Object.fromEntries(this.errors),
      callErrors: Object.fromEntries(this.callErrors),
      latencyMs: { samples: this.latency.size, p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null },
      firstTokenMs: { samples: this.firstToken.size, p50: firstTokenP50 ?? null },
      tokens: { ...this.tokens },
      costUsd: this.costUsd,
      unpriced: this.unpriced,
    };
  }
}

class TargetCounts extends Counts {
  readonly provider: string;
  readonly model: string;
  lastSeen = 0;

  constructor(place: Place, windowSize: number) {
    super(windowSize);
    this.provider = place.provider;
    this.model = place.model;
  }
}

/**
 * The counts of a `stats()` middleware: per target (provider and model), at most `maxTargets` of
 * them, the one idle longest dropped first (a `Map` kept in order of last use), and totals over
 * every call. Recording a call is a few map updates; sorting for percentiles waits for a snapshot.
 */
export class StatsBoard {
  readonly #options: ResolvedStatsOptions;
  readonly #targets = new Map<string, TargetCounts>();
  #totals: Counts;
  #since = Date.now();
  #evicted = 0;

  constructor(options: ResolvedStatsOptions) {
    this.#options = options;
    this.#totals = new Counts(options.windowSize);
  }

  record(end: CallEnd): void {
    const now = Date.now();
    const totals = this.#totals;
    this.#countAttempts(end.attempts, now);
    const target = this.#target(this.#endedOn(end), now);
    target.calls++;
    totals.calls++;
    const { outcome } = end;
    if (outcome.type === "answered") {
      target.answered++;
      totals.answered++;
      if (outcome.response.meta.cached) {
        target.cacheHits++;
        totals.cacheHits++;
      } else {
        const firstTokenMs = end.context.kind === "stream" ? firstTokenOf(outcome.response, end.attempts) : undefined;
        answered(target, outcome.response, end.latencyMs, firstTokenMs);
        answered(totals, outcome.response, end.latencyMs, firstTokenMs);
      }
    } else if (outcome.type === "failed") {
      target.failed++;
      totals.failed++;
      const name = errorName(outcome.error);
      bump(target.callErrors, name);
      bump(totals.callErrors, name);
    } else {
      target.cancelled++;
      totals.cancelled++;
    }
    // A call that failed or was cancelled after answers were paid for (an answer refused for its
    // structured output, by a guardrail, a stream cut off) still cost what its attempts cost.
    if (outcome.type !== "answered") {
      const spent = attemptsCost(end.attempts);
      target.costUsd += spent;
      totals.costUsd += spent;
    }
  }

  snapshot(): StatsSnapshot {
    const targets: TargetStats[] = [];
    for (const t of this.#targets.values()) targets.push({ provider: t.provider, model: t.model, lastSeen: new Date(t.lastSeen).toISOString(), ...t.toJSON() });
    targets.sort((a, b) => b.calls - a.calls || b.attempts - a.attempts || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    return {
      since: new Date(this.#since).toISOString(),
      takenAt: new Date().toISOString(),
      windowSize: this.#options.windowSize,
      maxTargets: this.#options.maxTargets,
      evictedTargets: this.#evicted,
      totals: this.#totals.toJSON(),
      targets,
    };
  }

  reset(): void {
    this.#targets.clear();
    this.#totals = new Counts(this.#options.windowSize);
    this.#since = Date.now();
    this.#evicted = 0;
  }

  /** Attempts, errors, retries and fallbacks, each on the target it happened on. */
  #countAttempts(attempts: readonly AttemptRecord[], now: number): void {
    if (attempts.length === 0) return;
    const totals = this.#totals;
    // Finished order is not started order when attempts overlap (a hedge); a path is read in the latter.
    const path = attempts.length === 1 ? attempts : [...attempts].sort((a, b) => a.number - b.number);
    const seen = path.length === 1 ? undefined : new Set<string>();
    let previous: { readonly key: string; readonly counts: TargetCounts } | undefined;
    for (const attempt of path) {
      const key = keyOf(attempt.target);
      const counts = this.#target(attempt.target, now);
      counts.attempts++;
      totals.attempts++;
      if (attempt.error) {
        bump(counts.errors, attempt.error.name);
        bump(totals.errors, attempt.error.name);
      }
      if (seen?.has(key)) {
        counts.retries++;
        totals.retries++;
      }
      seen?.add(key);
      if (previous && previous.key !== key) {
        previous.counts.fallbacks++;
        totals.fallbacks++;
      }
      previous = { key, counts };
    }
  }

  /**
   * The target a call ended on: the attempt that answered (the last to finish without an error),
   * or the last one started; for a cache hit, where its model string leads (the response's provider
   * and model when that is a route).
   */
  #endedOn(end: CallEnd): Place {
    const { outcome, attempts } = end;
    if (outcome.type === "answered") {
      const { response } = outcome;
      if (response.meta.cached) return routed(end) ?? { provider: response.provider, model: response.model };
      return answering(attempts)?.target ?? { provider: response.provider, model: response.model };
    }
    let last: AttemptRecord | undefined;
    for (const attempt of attempts) if (!last || attempt.number > last.number) last = attempt;
    return last?.target ?? routed(end) ?? UNROUTED;
  }

  /** The counts of a target, made when first seen, moved to the back of the idle order when touched. */
  #target(place: Place, now: number): TargetCounts {
    const key = keyOf(place);
    let counts = this.#targets.get(key);
    if (counts) this.#targets.delete(key);
    else counts = new TargetCounts({ provider: place.provider, model: place.model }, this.#options.windowSize);
    counts.lastSeen = now;
    this.#targets.set(key, counts);
    if (this.#targets.size > this.#options.maxTargets) {
      const idlest = this.#targets.keys().next().value;
      if (idlest !== undefined) this.#targets.delete(idlest);
      this.#evicted++;
    }
    return counts;
  }
}

/** The attempt that gave the answer: the last to finish without an error (or the last to finish). */
function answering(attempts: readonly AttemptRecord[]): AttemptRecord | undefined {
  for (let i = attempts.length - 1; i >= 0; i--) if (!attempts[i]?.error) return attempts[i];
  return attempts.at(-1);
}

/**
 * A stream's time to first token: the call's when core has set it, else the provider's, of the
 * attempt that answered (`firstTokenMs`: from the SDK call to its first part), which is what a
 * request-scope middleware sees before core completes the call's meta.
 */
function firstTokenOf(response: ChatResponse, attempts: readonly AttemptRecord[]): number | undefined {
  return response.meta.timeToFirstTokenMs ?? answering(attempts)?.firstTokenMs;
}

/** Latency, time to first token, tokens and cost of an answer a provider gave. */
function answered(counts: Counts, response: ChatResponse, latencyMs: number, firstTokenMs: number | undefined): void {
  counts.latency.add(latencyMs);
  if (firstTokenMs !== undefined) counts.firstToken.add(firstTokenMs);
  const { usage } = response;
  const tokens = counts.tokens;
  tokens.input += usage.inputTokens || 0;
  tokens.output += usage.outputTokens || 0;
  tokens.total += usage.totalTokens || 0;
  tokens.cached += usage.cachedInputTokens ?? 0;
  tokens.reasoning += usage.reasoningTokens ?? 0;
  if (response.cost) counts.costUsd += response.cost.usd;
  else counts.unpriced++;
}

/** Where the request's model string leads, when that is one target (not a route, and known). */
function routed(end: CallEnd): Place | undefined {
  try {
    const place = end.context.route(end.request.model, end.request);
    return place.provider === "route" ? undefined : place;
  } catch {
    return undefined;
  }
}

function keyOf(place: Place): string {
  // A provider name never holds a "/": it is what comes before the first one.
  return `${place.provider}/${place.model}`;
}

function bump(map: Map<string, number>, name: string): void {
  map.set(name, (map.get(name) ?? 0) + 1);
}

function errorName(error: unknown): string {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" && name !== "" ? name : "UnknownError";
}

/** What a call's finished attempts cost together (those that reported usage with a price). */
function attemptsCost(attempts: readonly AttemptRecord[]): number {
  let usd = 0;
  for (const a of attempts) if (a.cost) usd += a.cost.usd;
  return usd;
}

