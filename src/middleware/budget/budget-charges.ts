import type { AttemptRecord, ChatResponse } from "../../core/types/chat-response.js";

/*
 * What a call is charged when it ends, in dollars. The reservation was the most one attempt could
 * cost; what is charged is what is known to have been spent, and where that is unknown but may be
 * anything up to the reservation, the reservation.
 */

/**
 * An answer: its cost (core's sum over the attempts, a fallback's failed ones included). A cache
 * hit cost nothing; an answer with no cost from a priced model (no usage reported) may have cost
 * anything up to the reservation.
 */
export function chargeOfAnswer(response: ChatResponse, reservedUsd: number): number {
  if (response.cost !== undefined) return response.cost.usd;
  return response.meta.cached ? 0 : reservedUsd;
}

/** A call that failed: what its attempts were charged before they failed (most were not: an error status bills nothing). */
export function chargeOfAttempts(attempts: readonly AttemptRecord[]): number {
  return attempts.reduce((sum, attempt) => sum + (attempt.cost?.usd ?? 0), 0);
}

/**
 * A stream that ended without its `finish` after events had come (the consumer stopped reading, or
 * it was cut): the provider bills the tokens it generated until then, which no one reports, so it
 * is charged its reservation, or what its attempts are known to have cost if that is more.
 */
export function chargeOfUnfinished(attempts: readonly AttemptRecord[], reservedUsd: number): number {
  return Math.max(reservedUsd, chargeOfAttempts(attempts));
}
