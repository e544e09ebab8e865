/**
 * Spending limits in US dollars, request scope: each call reserves the most it could cost before
 * anything is sent and is settled to what it cost when it ends.
 *
 * @module
 */
import type { BudgetExceededError } from "../../core/errors/budget-exceeded-error.js";
import { nextId } from "../../core/ids.js";
import { isThenable, whenReady } from "../../core/is-thenable.js";
import { withMeta } from "../../core/response/finalize-response.js";
import { DeferredStream } from "../../core/stream/deferred-stream.js";
import { tapStream } from "../../core/stream/stream-taps.js";
import type { StreamTap } from "../../core/stream/tapped-stream.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { ChatNext, CostEstimate, Middleware, MiddlewareContext } from "../../core/types/middleware.js";
import type { Warning } from "../../core/types/warning.js";
import { fromNano, toNano, toNanoAtLeast, type BudgetAccount } from "../../stores/budget/budget-store.js";
import { MemoryBudgetStore } from "../../stores/budget/memory-budget-store.js";
import { chargeOfAnswer, chargeOfAttempts, chargeOfUnfinished } from "./budget-charges.js";
import { budgetErrors } from "./budget-errors.js";
import { BudgetLedger, LedgerUnavailable, type Ticket } from "./budget-ledger.js";
import type { BudgetOptions } from "./budget-options.js";
import { scopeNamed, scopeOf, type ScopeValue } from "./budget-scope.js";
import { windowAt, type BudgetWindow } from "./budget-window.js";
import { redisBudgetSource } from "./redis-budget-source.js";
import { resolveBudgetOptions } from "./resolve-budget-options.js";

/** One account of a budget now, from {@link BudgetMiddleware.spent}. */
export interface BudgetSpend {
  /** Settled in this window: what calls cost (and, with Redis, reservations that expired, in full). */
  readonly spentUsd: number;
  /** Held by calls in flight. */
  readonly reservedUsd: number;
  readonly limitUsd: number;
  /** `limitUsd - spentUsd - reservedUsd`, never below 0. */
  readonly remainingUsd: number;
  /** When this window ends and spend starts again from 0 (epoch ms); `undefined` without `windowMs`. */
  readonly windowResetsAt: number | undefined;
}

/** The budget middleware, with its figures and a way to let go of its Redis connection. */
export interface BudgetMiddleware extends Middleware {
  /**
   * The account of `scopeValue` now. A global budget takes none; one per metadata field needs the
   * value (`spent("acme")`), or `null` for the requests without the field (`missing: "shared"`).
   *
   * @throws TypeError for a budget per metadata field asked without a value.
   * @throws Error when the budget's Redis cannot be reached and it fails closed.
   */
  spent(scopeValue?: string | null): Promise<BudgetSpend>;
  /** Closes the Redis connection it made (`redis.url`); a no-op for an in-process budget. */
  close(): Promise<void>;
}

/** A call's reservation, held until the call ends. */
interface Hold {
  readonly reservedUsd: number;
  /** Ends it, charging `usd`; once, never rejects. `undefined` when it is settled already, a promise of that otherwise. */
  settle(usd: number): Promise<void> | undefined;
  /** What the response should say (fail-open, an unpriced model let through). */
  readonly warnings: readonly Warning[];
}

const NOTHING_HELD: Omit<Hold, "warnings"> = { reservedUsd: 0, settle: () => undefined };

/**
 * Limits what calls may cost, in US dollars, in all or per window, for every call or per value of
 * a `metadata` field (tenant, user, feature). Before a call is sent it reserves the most the call
 * could cost (`context.estimateCost`: the input estimate and `maxTokens`, else 4096, of output at
 * the price of the dearest target its route may take); when what is spent, what calls in flight
 * hold, and this reservation would pass `limitUsd`, the call fails with a `BudgetExceededError`
 * and nothing is sent. When the call ends the reservation is replaced by what it cost
 * (`response.cost`, every attempt of a fallback included); a failed call is charged what its
 * attempts were (usually nothing); a stream read partway is charged its reservation.
 *
 * Request scope: one reservation covers all of a call's attempts (retries, a fallback), whatever
 * the attempt-scope middleware do. Put it before `cache()`, as for any middleware whose outcome
 * depends on the caller (a hit then reserves and is charged $0); after it only when the cache is
 * kept per the same field (`namespaceFrom`) or the budget is global, since requests a cache joins
 * to one in flight share that one's outcome. Budgets stack: each is its own middleware with its own
 * `name` (one per tenant, one in total); a call must fit in all of them.
 *
 * With `redis`, every process that shares the Redis and the budget's `name` shares one budget:
 * reserving is an atomic Lua script, so concurrent calls from any number of processes cannot
 * together pass the limit.
 *
 * @throws ConfigError for an option that is missing, unknown or out of range.
 * @example
 * ```ts
 * import { budget, cache, createClient } from "proxyless";
 *
 * const perTenant = budget({ name: "tenant-daily", limitUsd: 5, windowMs: 86_400_000, scope: { metadata: "tenant" } });
 * const total = budget({ name: "total-daily", limitUsd: 200, windowMs: 86_400_000, redis: { url: process.env.REDIS_URL } });
 * const llm = createClient({ middleware: [perTenant, total, cache()] });
 *
 * await llm.chat({ model: "openai/gpt-4o-mini", messages, maxTokens: 500, metadata: { tenant: "acme" } });
 * console.log(await perTenant.spent("acme")); // { spentUsd, reservedUsd, limitUsd, remainingUsd, windowResetsAt }
 * ```
 */
export function budget(options: BudgetOptions): BudgetMiddleware {
  const resolved = resolveBudgetOptions(options);
  const { name, redis } = resolved;
  const limit = toNano(resolved.limitUsd);
  const store = redis
    ? redisBudgetSource({
        ...(redis.url !== undefined ? { url: redis.url } : {}),
        ...(redis.client !== undefined ? { client: redis.client } : {}),
        prefix: redis.prefix,
        operationTimeoutMs: redis.connectTimeoutMs,
        leaseMs: redis.leaseMs,
      })
    : new MemoryBudgetStore();
  const ledger = new BudgetLedger(store, redis?.onUnavailable ?? "closed", `budget "${name}"`);
  /** Unpriced models already told of on the console. */
  const toldUnpriced = new Set<string>();

  const accountOf = (scope: ScopeValue, window: BudgetWindow): BudgetAccount => ({ budget: name, scope: scope.key, windowStart: window.start, windowEnd: window.end });

  /** Reserves for a call, or refuses it: at once with a memory store, a promise of it with Redis. @throws BudgetExceededError */
  function hold(request: ChatRequest, context: MiddlewareContext): Hold | Promise<Hold> {
    const scope = scopeOf(resolved.scope, request, name);
    const window = windowAt(Date.now(), resolved.windowMs);
    const at = { options: resolved, scope, window };
    const estimate = context.estimateCost(request);
    if (estimate === undefined) {
      const route = routeOf(context, request);
      if (resolved.unpriced === "reject") throw told(context, budgetErrors.unpriced(at, route));
      const message = `budget "${name}" let a call to ${route} through uncounted: it has no price (unpriced "allow"); add one under the client's \`prices\` config to count it`;
      if (!toldUnpriced.has(route)) {
        toldUnpriced.add(route);
        console.warn(`proxyless: ${message}`);
      }
      return { ...NOTHING_HELD, warnings: [{ type: "other", setting: "budget.unpriced", message }] };
    }
    const amount = toNanoAtLeast(estimate.cost.usd);
    const ticket = ledger.reserve(accountOf(scope, window), nextId(), amount, limit);
    if (!isThenable(ticket)) return held(ticket, at, estimate, amount, context);
    return Promise.resolve(ticket).then(
      (taken) => held(taken, at, estimate, amount, context),
      (error: unknown) => {
        if (error instanceof LedgerUnavailable) throw told(context, budgetErrors.unavailable(at, error.cause));
        throw error;
      },
    );
  }

  /** The reservation a ticket holds, or the refusal. */
  function held(ticket: Ticket, at: Parameters<typeof budgetErrors.limit>[0], estimate: CostEstimate, amount: number, context: MiddlewareContext): Hold {
    if (!ticket.granted) throw told(context, budgetErrors.limit(at, estimate, fromNano(ticket.spent), fromNano(ticket.reserved)));
    if (ticket.warning !== undefined) console.warn(`proxyless: ${ticket.warning}`);
    return {
      reservedUsd: fromNano(amount),
      settle: (usd) => ticket.settle(toNano(usd)),
      warnings: ticket.warning === undefined ? [] : [{ type: "other", setting: "budget.redis", message: ticket.warning }],
    };
  }

  function streamTap(held: Hold, context: MiddlewareContext): StreamTap {
    let seen = false;
    let charge: number | undefined;
    return {
      event(event) {
        seen = true;
        if (event.type !== "finish") return event;
        charge = chargeOfAnswer(event.response, held.reservedUsd);
        return held.warnings.length === 0 ? event : { ...event, response: warned(event.response, held.warnings) };
      },
      end() {
        // Failed before its first event: nothing was generated for it, as for a chat. Ended after
        // some (abandoned or cut): the tokens generated until then are billed, and unknown.
        charge ??= seen ? chargeOfUnfinished(context.attempts, held.reservedUsd) : chargeOfAttempts(context.attempts);
        void held.settle(charge);
      },
    };
  }

  return {
    name,
    scope: "request",
    wrapChat({ request, context, next }) {
      let taken: Hold | Promise<Hold>;
      try {
        taken = hold(request, context);
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the refusal, as it was thrown
        return Promise.reject(error);
      }
      return whenReady(taken, (h) => chatUnder(h, request, context, next));
    },
    wrapStream({ request, context, next }) {
      return {
        [Symbol.asyncIterator]: () =>
          new DeferredStream(async () => {
            const held = await hold(request, context);
            let iterator: AsyncIterator<StreamEvent>;
            try {
              iterator = next(request)[Symbol.asyncIterator]();
            } catch (error) {
              void held.settle(0);
              throw error;
            }
            // Runs inside the stream it got when that is core's attempt stream itself (one target, only watchers at attempt scope): no layer per event.
            return { iterator: tapStream(iterator, streamTap(held, context)) };
          }),
      };
    },
    async spent(scopeValue?: string | null): Promise<BudgetSpend> {
      const scope = scopeNamed(resolved.scope, scopeValue, name);
      const window = windowAt(Date.now(), resolved.windowMs);
      let figures;
      try {
        figures = await ledger.figures(accountOf(scope, window));
      } catch (error) {
        if (error instanceof LedgerUnavailable) throw new Error(`budget "${name}" cannot reach its Redis`, { cause: error });
        throw error;
      }
      return {
        spentUsd: fromNano(figures.spent),
        reservedUsd: fromNano(figures.reserved),
        limitUsd: resolved.limitUsd,
        remainingUsd: fromNano(Math.max(0, limit - figures.spent - figures.reserved)),
        windowResetsAt: window.end === Infinity ? undefined : window.end,
      };
    },
    close: () => ledger.close(),
  };
}

/**
 * A chat under its reservation: settled with what the answer cost, or with what its attempts cost
 * when it failed, before the caller has it (with Redis, once the store has it too).
 */
function chatUnder(held: Hold, request: ChatRequest, context: MiddlewareContext, next: ChatNext): Promise<ChatResponse> {
  return next(request).then(
    (response) => {
      const answered = held.warnings.length === 0 ? response : warned(response, held.warnings);
      const settling = held.settle(chargeOfAnswer(response, held.reservedUsd));
      return settling ? settling.then(() => answered) : answered;
    },
    (error: unknown) => {
      const settling = held.settle(chargeOfAttempts(context.attempts));
      if (!settling) throw error;
      return settling.then(() => {
        throw error;
      });
    },
  );
}

function warned(response: ChatResponse, warnings: readonly Warning[]): ChatResponse {
  return withMeta(response, { warnings: [...response.meta.warnings, ...warnings] });
}

/** The model string as its route leads, for a message: `openai/gpt-4o-mini`, or the route's own description. */
function routeOf(context: MiddlewareContext, request: ChatRequest): string {
  try {
    const { provider, model } = context.route(request.model, request);
    return provider === "route" ? model : `${provider}/${model}`;
  } catch {
    return request.model;
  }
}

/** A refusal, told to the client's listeners (`llm.on("budget-exceeded")`) as it is thrown. */
function told(context: MiddlewareContext, error: BudgetExceededError): BudgetExceededError {
  context.emit({ type: "budget-exceeded", callId: context.callId, error });
  return error;
}

