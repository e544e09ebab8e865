/**
 * One structured log record per call, when it ends, for any pino-compatible logger.
 *
 * @module
 */
import type { Middleware } from "../../core/types/middleware.js";
import { observeCall, type CallEnd } from "../stats/observe-call.js";
import { callFields } from "./log-records.js";
import type { LoggingOptions, LogLevel } from "./logging-options.js";
import { redactValue } from "./redact.js";
import { resolveLoggingOptions } from "./resolve-logging-options.js";

const MESSAGES = { answered: "llm call", failed: "llm call failed", cancelled: "llm call cancelled" } as const;

/**
 * Logs every call once, when it ends, request scope, as one structured record:
 * - answered, at `level` (`info`): `{ callId, kind, model, provider, responseModel, latencyMs,
 *   timings, timeToFirstTokenMs?, usage, cached, finishReason, requestId?, attempts }`;
 * - failed, at `errorLevel` (`warn`): `{ callId, kind, model, error: { name, message, code,
 *   status, provider }, latencyMs, attempts }`;
 * - cancelled (the caller aborted, or a stream was closed before its end), at `level`, with
 *   `cancelled: true`.
 *
 * Each of `attempts` is `{ target: { provider, model, keyIndex }, durationMs, error? }`. No message
 * content is logged unless `logContent: true`. Every string of a record has what looks like an API
 * key (`sk-…`, `sk-ant-…`, `AIza…`, `Bearer …`, and the `redact` patterns) replaced by
 * `[redacted]`. A logger that throws never affects the call.
 *
 * Put it first in `middleware`, so that it sees cache hits and the error the caller gets.
 *
 * @throws ConfigError for an unknown option, a bad level, or a logger without a method it needs.
 * @example
 * ```ts
 * import pino from "pino";
 * import { createClient, logging } from "proxyless";
 *
 * const llm = createClient({ middleware: [logging({ logger: pino(), level: "debug" })] });
 * ```
 */
export function logging(options: LoggingOptions = {}): Middleware {
  const { name, logger, level, errorLevel, logContent, patterns } = resolveLoggingOptions(options);

  function write(end: CallEnd): void {
    const at: LogLevel = end.outcome.type === "failed" ? errorLevel : level;
    const fields = redactValue(callFields(end, logContent), patterns) as Record<string, unknown>;
    try {
      const result: unknown = logger[at]?.(fields, MESSAGES[end.outcome.type]);
      // An async logger's rejection is as harmless as a throw.
      if (typeof (result as { then?: unknown } | undefined)?.then === "function") (result as Promise<unknown>).then(undefined, () => undefined);
    } catch {
      // A logger's failure is never the call's.
    }
  }

  return { name, scope: "request", ...observeCall(write) };
}
