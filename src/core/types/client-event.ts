import type { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { ChatResponse } from "./chat-response.js";
import type { Target } from "./target.js";

/** A circuit breaker's state for one target. */
export type CircuitState = "closed" | "open" | "half-open";

/** The call moved on from one target to the next of its route. */
export interface FallbackEvent {
  readonly type: "fallback";
  readonly callId: string;
  /** The target that failed or was skipped (its key index is the last attempt's). */
  readonly from: Target;
  /** The next target tried (its key is chosen when its attempt starts: `keyIndex` is -1 here). */
  readonly to: Pick<Target, "provider" | "model">;
  /** Why: the error the last attempt on `from` ended with, or why it was skipped. */
  readonly error: Error;
}

/** A hedge started: the first target had not answered in time, so the next one runs beside it. */
export interface HedgeEvent {
  readonly type: "hedge";
  readonly callId: string;
  readonly target: Pick<Target, "provider" | "model">;
  /** How long the call had waited when the hedge started. */
  readonly afterMs: number;
}

/** A key of a pool was rejected (401/403) and is not used again by this client. */
export interface KeyDisabledEvent {
  readonly type: "key-disabled";
  readonly provider: string;
  /** Its index in the provider's key list; the key itself never leaves the registry. */
  readonly keyIndex: number;
  readonly status: number;
  /** Keys of that provider still in use. */
  readonly keysLeft: number;
}

/** A circuit breaker changed state for a target. */
export interface CircuitEvent {
  readonly type: "circuit";
  /** Which breaker (its `name`). */
  readonly breaker: string;
  readonly target: Target;
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** The error that opened it, when one did. */
  readonly error?: Error;
}

/** A call started (`chat()` or `stream()`). */
export interface RequestEvent {
  readonly type: "request";
  readonly callId: string;
  readonly kind: "chat" | "stream";
  /** The model string the caller asked for (an alias, a route, a model id). */
  readonly model: string;
}

/** A call ended with an answer: the response the caller gets (for a stream, its `finish` response). */
export interface ResponseEvent {
  readonly type: "response";
  readonly callId: string;
  readonly kind: "chat" | "stream";
  readonly model: string;
  readonly response: ChatResponse;
}

/** A call ended with an error: the one the caller gets. */
export interface ErrorEvent {
  readonly type: "error";
  readonly callId: string;
  readonly kind: "chat" | "stream";
  readonly model: string;
  readonly error: Error;
}

/** `retry()` is about to try again, after `delayMs`. */
export interface RetryEvent {
  readonly type: "retry";
  readonly callId: string;
  /** The attempt that failed. */
  readonly target: Target;
  /** Which retry this is: 1 for the first. */
  readonly retry: number;
  readonly delayMs: number;
  readonly error: Error;
}

/** `cache()` answered a call from its store or from an identical call in flight (`shared`). */
export interface CacheHitEvent {
  readonly type: "cache-hit";
  readonly callId: string;
  readonly model: string;
  readonly shared: boolean;
}

/** `rateLimit()` holds an attempt: no permit yet under `rule`, or its target is paused after a 429 or used-up headers. */
export interface RateLimitedEvent {
  readonly type: "rate-limited";
  readonly callId: string;
  readonly target: Target;
  readonly reason: "permit" | "pause";
  /** The rule's pattern, when a rule holds it. */
  readonly rule?: string;
}

/** What a client tells its listeners (`llm.on(type, listener)`). */
/** A `budget()` refused a call before anything was sent: the error says which budget and its figures. */
export interface BudgetExceededEvent {
  readonly type: "budget-exceeded";
  readonly callId: string;
  readonly error: BudgetExceededError;
}

export type ClientEvent =
  | BudgetExceededEvent
  | RequestEvent
  | ResponseEvent
  | ErrorEvent
  | RetryEvent
  | FallbackEvent
  | HedgeEvent
  | CacheHitEvent
  | RateLimitedEvent
  | KeyDisabledEvent
  | CircuitEvent;

/** The listener of one event type. */
export type ClientEventListener<T extends ClientEvent["type"]> = (event: Extract<ClientEvent, { readonly type: T }>) => void;
