import { RateLimitError } from "../../core/errors/rate-limit-error.js";
import type { Target } from "../../core/types/target.js";
import type { ResolvedRule } from "./rule-table.js";

/**
 * The limiter's own refusals, each naming the rule (or the target), so that the user knows what to
 * change. Only `paused` is retryable (after its `retryAfterMs`): the others would wait for the
 * same budget again.
 */
export const limiterErrors = {
  queueFull(rule: ResolvedRule, target: Target): RateLimitError {
    return new RateLimitError(`${target.provider}: rate limit rule "${rule.pattern}" already has ${rule.maxQueue} attempts waiting (maxQueue ${rule.maxQueue}); raise maxQueue or send less at once`, {
      provider: target.provider,
      retryable: false,
      code: "rate_limit_queue_full",
    });
  },
  waitTooLong(rule: ResolvedRule, target: Target, needMs?: number): RateLimitError {
    const why = needMs === undefined ? `waited ${rule.maxWaitMs} ms` : `${target.provider}/${target.model} is held for ${Math.ceil(needMs)} ms more`;
    return new RateLimitError(`${target.provider}: rate limit rule "${rule.pattern}": ${why}, longer than maxWaitMs ${rule.maxWaitMs}`, {
      provider: target.provider,
      retryable: false,
      code: "rate_limit_wait_exceeded",
      ...(needMs !== undefined ? { retryAfterMs: Math.ceil(needMs) } : {}),
    });
  },
  tooLarge(rule: ResolvedRule, target: Target, inputTokens: number): RateLimitError {
    return new RateLimitError(`${target.provider}: the request's input is about ${inputTokens} tokens, more than rate limit rule "${rule.pattern}" allows in a window (tpm ${rule.tpm})`, {
      provider: target.provider,
      retryable: false,
      code: "rate_limit_request_too_large",
    });
  },
  paused(target: Target, needMs: number, maxPauseMs: number): RateLimitError {
    return new RateLimitError(`${target.provider}: ${target.provider}/${target.model} is held by the provider's rate limit for ${Math.ceil(needMs)} ms more, longer than maxPauseMs ${maxPauseMs}`, {
      provider: target.provider,
      // Retryable after its wait, so that a retry() decides (its maxDelayMs fails fast) and routing can move on.
      retryable: true,
      retryAfterMs: Math.ceil(needMs),
      code: "rate_limit_paused",
    });
  },
  unavailable(rule: ResolvedRule, target: Target): RateLimitError {
    return new RateLimitError(`${target.provider}: rate limit rule "${rule.pattern}" cannot reach its Redis, and fails closed (redis.onUnavailable "closed")`, {
      provider: target.provider,
      retryable: false,
      code: "rate_limiter_unavailable",
    });
  },
};
