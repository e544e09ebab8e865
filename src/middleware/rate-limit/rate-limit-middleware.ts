import { didYouMean } from "../../core/errors/closest-name.js";
import { ConfigError } from "../../core/errors/config-error.js";
import { ProxylessError } from "../../core/errors/proxyless-error.js";
import { ValidationError } from "../../core/errors/validation-error.js";
import { attemptCancelled, callCancelled } from "../../core/pipeline/cancellation.js";
import { withMeta } from "../../core/response/finalize-response.js";
import { openWhenReady } from "../../core/stream/deferred-stream.js";
import { tapStream } from "../../core/stream/stream-taps.js";
import type { StreamTap } from "../../core/stream/tapped-stream.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { Target } from "../../core/types/target.js";
import { estimateInputTokens } from "../../core/request/estimate-tokens.js";
import { LocalPermits } from "./local-permits.js";
import { exhaustedUntil, PauseBoard } from "./pause-board.js";
import { reservation, UNAVAILABLE, type Grant, type PermitSource, type WaitEnd } from "./permits.js";
import { limiterErrors } from "./rate-limit-errors.js";
import type { RateLimitOptions, RateLimitRedisOptions } from "./rate-limit-options.js";
import { redisSource } from "./redis-source.js";
import { RuleTable, type ResolvedRule } from "./rule-table.js";

/** The rate-limit middleware, with a way to let go of its Redis connection. */
export interface RateLimitMiddleware extends Middleware {
  /** Closes the Redis connection it made (`redis.url`); a no-op for in-process limits. */
  close(): Promise<void>;
}

const OPTION_KEYS = new Set(["rules", "redis", "defaultOutputTokens", "priorityFrom", "providerSignals", "maxPauseMs", "name"]);
const REDIS_KEYS = new Set(["url", "client", "prefix", "onUnavailable", "connectTimeoutMs", "leaseMs"]);
const DEFAULT_PRIORITY = 5;

/**
 * Rate limits in the process, attempt scope: requests, tokens and attempts in flight per target
 * and API key, in every sliding window, with a queue that keeps order (and a `metadata` priority
 * that may jump it). It also follows the providers' own signals: a 429 with a retry-after, or
 * headers that say nothing is left until a reset, hold that target for everyone here (and, with
 * `redis`, in every process).
 *
 * With `redis`, the same rules hold across every process that shares the Redis (Bottleneck's
 * clustering); in-process limits need nothing.
 *
 * @example
 * ```ts
 * import { createClient, rateLimit, retry, timeout } from "proxyless";
 *
 * const llm = createClient({
 *   middleware: [
 *     retry(),
 *     rateLimit({ rules: { "openai/*": { rpm: 500, tpm: 200_000 }, "*": { concurrency: 8 } } }),
 *     timeout({ totalMs: 60_000 }),
 *   ],
 * });
 * ```
 */
export function rateLimit(options: RateLimitOptions): RateLimitMiddleware {
  checkOptions(options);
  const table = new RuleTable(options.rules);
  const defaultOutputTokens = options.defaultOutputTokens ?? 1_024;
  const priorityFrom = options.priorityFrom ?? "priority";
  const followSignals = options.providerSignals ?? true;
  const maxPauseMs = options.maxPauseMs ?? 60_000;
  /** Attempts of this process waiting per lane (for a pause or for permits): what `maxQueue` bounds. */
  const waiting = new Map<string, number>();
  const source: PermitSource = options.redis ? redisSource(redisOptions(options.redis)) : new LocalPermits();
  const pauses = new PauseBoard();

  /** Waits out a pause on the target; past `deadline` it fails at once instead. */
  async function waitPause(key: string, rule: ResolvedRule | undefined, target: Target, deadline: number, wait: () => WaitEnd): Promise<void> {
    let until = pauses.until(key);
    if (source.pausedUntil) {
      const shared = await source.pausedUntil(key);
      if (shared > until && pauses.extend(key, shared)) until = shared;
    }
    while (until > 0) {
      const needMs = until - Date.now();
      if (needMs <= 0) return;
      if (needMs > maxPauseMs) throw limiterErrors.paused(target, needMs, maxPauseMs);
      if (rule && performance.now() + needMs > deadline) throw limiterErrors.waitTooLong(rule, target, needMs);
      const error = await sleepUnless(needMs, wait().ended);
      if (error) throw error;
      until = pauses.until(key);
    }
  }

  type Admission = { readonly grant?: Grant; readonly key: string };

  /**
   * Lets an attempt in. The usual case (no pause on the target, room in the rule, nobody waiting
   * before it) is decided synchronously, without a promise; anything else waits in {@link admitLater}.
   */
  function admit(request: ChatRequest, context: MiddlewareContext): Admission | Promise<Admission> {
    const target = (context.target ?? context.attempt?.target) as Target;
    const slot = table.slotFor(target);
    const { key, rule } = slot;
    if (!rule && !followSignals) return slot;
    const tokens = rule ? tokensFor(rule, request, target) : 0;
    const priority = priorityOf(request);
    if (!followSignals || (source.pausedUntil === undefined && pauses.until(key) === 0)) {
      if (!rule) return slot;
      const grant = source.tryAcquire?.({ lane: slot.lane as string, rule, tokens, priority });
      if (grant) return { grant, key };
    }
    const queued = performance.now();
    // In process, reaching here means being held; with Redis every attempt takes its permits here,
    // and only a pause is known to hold it.
    const paused = pauses.until(key) > 0;
    if (paused || source.tryAcquire) context.emit({ type: "rate-limited", callId: context.callId, target, reason: paused ? "pause" : "permit", ...(rule ? { rule: rule.pattern } : {}) });
    const later = admitLater(context, target, key, rule, slot.lane, tokens, priority);
    // A wait that ended in a refusal was waited too.
    const record = (): void => context.waited("queue", performance.now() - queued);
    later.then(record, record);
    return later;
  }

  async function admitLater(
    context: MiddlewareContext,
    target: Target,
    key: string,
    rule: ResolvedRule | undefined,
    lane: string | undefined,
    tokens: number,
    priority: number,
  ): Promise<Admission> {
    const deadline = rule ? performance.now() + rule.maxWaitMs : Infinity;
    let ending: (WaitEnd & { dispose(): void }) | undefined;
    const wait = (): WaitEnd => (ending ??= waitEnd(context, target, rule, deadline));
    // Waiting for a pause counts against maxQueue as waiting for a permit does (in process the
    // permit was just refused; with Redis, an attempt counts while it takes its shared permits).
    if (rule && lane !== undefined) {
      const queued = waiting.get(lane) ?? 0;
      if (queued >= rule.maxQueue) throw limiterErrors.queueFull(rule, target);
      waiting.set(lane, queued + 1);
    }
    try {
      if (followSignals) await waitPause(key, rule, target, deadline, wait);
      if (!rule || lane === undefined) return { key };
      for (;;) {
        const demand = { lane, rule, tokens, priority, get wait(): WaitEnd { return wait(); } };
        let grant: Grant;
        try {
          grant = await source.acquire(demand);
        } catch (error) {
          if (error === UNAVAILABLE) throw limiterErrors.unavailable(rule, target);
          throw error;
        }
        // A 429 may have paused the target while this attempt waited for its permits.
        if (!followSignals || pauses.until(key) === 0) return { grant, key };
        grant.cancel();
        await waitPause(key, rule, target, deadline, wait);
      }
    } finally {
      ending?.dispose();
      if (lane !== undefined) {
        const left = (waiting.get(lane) ?? 1) - 1;
        if (left > 0) waiting.set(lane, left);
        else waiting.delete(lane);
      }
    }
  }

  /** The tokens an attempt reserves under a rule (0 without `tpm`). */
  function tokensFor(rule: ResolvedRule, request: ChatRequest, target: Target): number {
    if (rule.tpm === undefined) return 0;
    const input = estimateInputTokens(request);
    if (input > rule.tpm) throw limiterErrors.tooLarge(rule, target, input);
    return reservation(rule, input + (request.maxTokens ?? defaultOutputTokens));
  }

  function observe(key: string, response: ChatResponse): void {
    if (!followSignals) return;
    const until = exhaustedUntil(response.meta.rateLimit, Date.now());
    if (until > 0) hold(key, until);
  }

  function observeError(key: string, error: unknown): void {
    if (!followSignals || !ProxylessError.isInstance(error)) return;
    if (error.name === "RateLimitError" && error.status === 429 && error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
      hold(key, Date.now() + error.retryAfterMs);
    }
  }

  function hold(key: string, until: number): void {
    if (pauses.extend(key, until)) source.pause?.(key, until);
  }

  /** What a stream tells its grant and the pauses: sent at its first event, settled with its usage when it ends. */
  function streamTap(grant: Grant | undefined, key: string): StreamTap {
    let started = false;
    let used: number | undefined;
    return {
      event(event) {
        if (!started) {
          started = true;
          grant?.sent();
        }
        if (event.type !== "finish") return event;
        used = tokensOf(event.response);
        observe(key, event.response);
        const response = warned(event.response);
        return response === event.response ? event : { ...event, response };
      },
      error(error) {
        used = usedByError(error);
        observeError(key, error);
      },
      end() {
        if (!started) grant?.sent();
        grant?.finish(used);
      },
    };
  }

  function warned(response: ChatResponse): ChatResponse {
    const warning = source.takeWarning?.();
    if (warning === undefined) return response;
    console.warn(`proxyless: ${warning}`);
    return withMeta(response, { warnings: [...response.meta.warnings, { type: "other", setting: "rateLimit.redis", message: warning }] });
  }

  return {
    name: options.name ?? "rate-limit",
    scope: "attempt",
    async wrapChat({ request, context, next }) {
      const admitted = admit(request, context);
      const { grant, key } = admitted instanceof Promise ? await admitted : admitted;
      let response: ChatResponse;
      let used: number | undefined;
      try {
        response = await next(request);
        used = tokensOf(response);
      } catch (error) {
        used = usedByError(error);
        observeError(key, error);
        throw error;
      } finally {
        grant?.sent();
        grant?.finish(used);
      }
      observe(key, response);
      return warned(response);
    },
    wrapStream({ request, context, next }) {
      return {
        // Let in at once (nearly always): the attempt's own stream with a tap, and no layer here.
        [Symbol.asyncIterator]: () =>
          openWhenReady(
            () => admit(request, context),
            ({ grant, key }) => {
              const iterator = next(request)[Symbol.asyncIterator]();
              // Nothing to count and nothing to read: the stream goes through untouched.
              if (!grant && !followSignals) return iterator;
              return tapStream(iterator, streamTap(grant, key));
            },
          ),
      };
    },
    close: () => source.close(),
  };

  function priorityOf(request: ChatRequest): number {
    const value = request.metadata?.[priorityFrom];
    if (value === undefined) return DEFAULT_PRIORITY;
    if (!/^[0-9]$/.test(value)) {
      throw new ValidationError([{ path: `metadata.${priorityFrom}`, message: `a priority is "0" (first) to "9" (last), got ${JSON.stringify(value)}` }]);
    }
    return Number(value);
  }
}

/** What a finished attempt counts against `tpm`; `undefined` when the provider reported nothing. */
function tokensOf(response: ChatResponse): number | undefined {
  const used = response.usage.inputTokens + response.usage.outputTokens;
  return used > 0 ? used : undefined;
}

/** A request the provider answered with an error status was not served: it used no tokens. Anything else (a cut, a timeout) may have. */
function usedByError(error: unknown): number | undefined {
  return ProxylessError.isInstance(error) && error.status !== undefined && error.status >= 400 ? 0 : undefined;
}

/** Ends a wait: the attempt's cancellation (as the error core would give), or the rule's `maxWaitMs`. */
function waitEnd(context: MiddlewareContext, target: Target, rule: ResolvedRule | undefined, deadline: number): WaitEnd & { dispose(): void } {
  const signal = context.attempt?.signal ?? context.signal;
  let settle!: (error: Error) => void;
  const ended = new Promise<Error>((resolve) => (settle = resolve));
  const onAbort = (): void => {
    settle(context.signal.aborted ? callCancelled(context.signal.reason, target.provider) : attemptCancelled(signal.reason, target.provider));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  if (rule && deadline !== Infinity) {
    timer = setTimeout(() => settle(limiterErrors.waitTooLong(rule, target)), Math.max(0, deadline - performance.now()));
    (timer as { unref?: () => void }).unref?.();
  }
  return {
    ended,
    dispose(): void {
      signal.removeEventListener("abort", onAbort);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/**
 * Waits `ms`, or less when the wait ends first (with its error). The timer keeps the process alive
 * (a script awaiting a held call must not exit under it) and goes as soon as the wait ends.
 */
function sleepUnless(ms: number, ended: Promise<Error>): Promise<Error | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([slept, ended]).finally(() => clearTimeout(timer));
}

function checkOptions(options: RateLimitOptions): void {
  if (typeof options !== "object" || options === null) throw new ConfigError('rateLimit: give options such as { rules: { "openai/*": { rpm: 500 } } }');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new ConfigError(`rateLimit: unknown option "${key}"${didYouMean(key, OPTION_KEYS)} (known: ${[...OPTION_KEYS].join(", ")})`, { path: key });
  }
  const { defaultOutputTokens, priorityFrom, providerSignals } = options;
  if (defaultOutputTokens !== undefined && (!Number.isInteger(defaultOutputTokens) || defaultOutputTokens < 1)) {
    throw new ConfigError(`rateLimit: defaultOutputTokens must be a whole number of at least 1, got ${JSON.stringify(defaultOutputTokens)}`, { path: "defaultOutputTokens" });
  }
  if (priorityFrom !== undefined && (typeof priorityFrom !== "string" || priorityFrom === "")) {
    throw new ConfigError("rateLimit: priorityFrom must be the name of a metadata field", { path: "priorityFrom" });
  }
  if (options.maxPauseMs !== undefined && !(typeof options.maxPauseMs === "number" && options.maxPauseMs >= 0)) {
    throw new ConfigError(`rateLimit: maxPauseMs must be a number of milliseconds (0 or more, Infinity allowed), got ${JSON.stringify(options.maxPauseMs)}`, { path: "maxPauseMs" });
  }
  if (providerSignals !== undefined && typeof providerSignals !== "boolean") {
    throw new ConfigError("rateLimit: providerSignals must be true or false", { path: "providerSignals" });
  }
}

function redisOptions(redis: RateLimitRedisOptions): Required<Omit<RateLimitRedisOptions, "url" | "client">> & Pick<RateLimitRedisOptions, "url" | "client"> {
  if (typeof redis !== "object" || redis === null) throw new ConfigError("rateLimit: redis must be { url } or { client }", { path: "redis" });
  for (const key of Object.keys(redis)) {
    if (!REDIS_KEYS.has(key)) throw new ConfigError(`rateLimit: unknown option "redis.${key}"${didYouMean(key, REDIS_KEYS)} (known: ${[...REDIS_KEYS].join(", ")})`, { path: `redis.${key}` });
  }
  if ((redis.url === undefined) === (redis.client === undefined)) {
    throw new ConfigError("rateLimit: redis needs exactly one of url (redis://host:6379) and client (an ioredis client)", { path: "redis" });
  }
  if (redis.onUnavailable !== undefined && redis.onUnavailable !== "open" && redis.onUnavailable !== "closed") {
    throw new ConfigError(`rateLimit: redis.onUnavailable is "open" or "closed", got ${JSON.stringify(redis.onUnavailable)}`, { path: "redis.onUnavailable" });
  }
  for (const key of ["connectTimeoutMs", "leaseMs"] as const) {
    const value = redis[key];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      throw new ConfigError(`rateLimit: redis.${key} must be a positive number of milliseconds, got ${JSON.stringify(value)}`, { path: `redis.${key}` });
    }
  }
  return {
    ...(redis.url !== undefined ? { url: redis.url } : {}),
    ...(redis.client !== undefined ? { client: redis.client } : {}),
    prefix: redis.prefix ?? "proxyless",
    onUnavailable: redis.onUnavailable ?? "open",
    connectTimeoutMs: redis.connectTimeoutMs ?? 1_000,
    leaseMs: redis.leaseMs ?? 600_000,
  };
}
