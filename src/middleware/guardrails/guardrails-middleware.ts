/**
 * Guardrails around a call: checks on the request before it leaves the process (personal data
 * and secrets redacted, blocked terms, size limits, your own), and on the answer (JSON against a
 * schema with one repair, blocked terms, your own), mid-stream where a check can.
 *
 * @module
 */
import type { Middleware } from "../../core/types/middleware.js";
import { guardChat } from "./guard-chat.js";
import { guardStream } from "./guard-stream.js";
import type { GuardrailsOptions } from "./guardrails-options.js";
import { resolveGuardrailsOptions } from "./resolve-guardrails-options.js";

/**
 * Runs input checks on every request, in order, before anything is sent, and output checks on
 * every answer. A check refuses with a `GuardrailError` (`check`, `side`, `reason`; never
 * retryable), or leaves a note in `response.meta.guardrails` (`redacted`, `restored`, `repaired`,
 * `passed`: counts and kinds, never values). Request scope: once per call, whatever retries and
 * fallbacks run below it.
 *
 * Put it after tracing and before the cache, the budget and the rest: what it refuses never
 * reaches them, and the cache keys on the redacted request, so personal data never lands in an entry.
 *
 * @throws ConfigError for no check at all, an entry that is not a check, a check in the wrong list,
 *   or an unknown option.
 * @example
 * ```ts
 * import { createClient, guardrails, pii, blocklist, maxInputSize, jsonOutput, tracing, cache } from "proxyless";
 *
 * const llm = createClient({
 *   middleware: [
 *     tracing(),
 *     guardrails({
 *       input: [pii({ mode: "reversible" }), blocklist(["ignore previous instructions"]), maxInputSize({ tokens: 8000 })],
 *       output: [blocklist(["internal only"])],
 *     }),
 *     cache(),
 *   ],
 * });
 * ```
 */
export function guardrails(options: GuardrailsOptions): Middleware {
  const plan = resolveGuardrailsOptions(options);
  return {
    name: plan.name,
    scope: "request",
    wrapChat({ request, context, next }) {
      return guardChat(plan, request, context, next);
    },
    wrapStream({ request, context, next }) {
      return guardStream(plan, request, context, next);
    },
  };
}
