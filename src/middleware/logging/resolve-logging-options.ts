import { ConfigError } from "../../core/errors/config-error.js";
import { describeValue, knownOptions } from "../../core/config/known-options.js";
import { jsonLogger } from "./json-logger.js";
import type { Logger, LoggingOptions, LogLevel } from "./logging-options.js";
import { KEY_PATTERNS } from "./redact.js";

/** {@link LoggingOptions} checked, with every default filled in. */
export interface ResolvedLoggingOptions {
  readonly name: string;
  readonly logger: Logger;
  readonly level: LogLevel;
  readonly errorLevel: LogLevel;
  readonly logContent: boolean;
  /** The built-in key patterns, then the caller's, each global. */
  readonly patterns: readonly RegExp[];
}

const KNOWN: readonly (keyof LoggingOptions)[] = ["logger", "level", "errorLevel", "logContent", "redact", "name"];
const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/**
 * Checks the options as a config file could give them (anything at all) and fills in the
 * defaults, once, when the middleware is made: a logger without the method of a level it is to
 * use fails at startup, not on the first call.
 *
 * @throws ConfigError naming the option and what it takes.
 */
export function resolveLoggingOptions(options: unknown = {}): ResolvedLoggingOptions {
  const given = knownOptions("logging", options, KNOWN);
  const level = levelOf(given, "level", "info");
  const errorLevel = levelOf(given, "errorLevel", "warn");
  const logger = given.logger ?? jsonLogger();
  if (typeof logger !== "object" || logger === null) {
    throw new ConfigError(`logging: logger must be an object with debug/info/warn/error(fields, message) methods, got ${describeValue(logger)}`, { path: "logger" });
  }
  for (const needed of new Set([level, errorLevel])) {
    if (typeof (logger as Record<string, unknown>)[needed] !== "function") {
      throw new ConfigError(`logging: logger has no ${needed}() method, which level "${needed}" needs`, { path: "logger" });
    }
  }
  const logContent = given.logContent ?? false;
  if (typeof logContent !== "boolean") throw new ConfigError(`logging: logContent must be true or false, got ${describeValue(logContent)}`, { path: "logContent" });
  const name = given.name ?? "logging";
  if (typeof name !== "string" || name === "") throw new ConfigError(`logging: name must be a non-empty string, got ${describeValue(name)}`, { path: "name" });
  return { name, logger, level, errorLevel, logContent, patterns: [...KEY_PATTERNS, ...extraPatterns(given.redact)] };
}

function levelOf(given: Readonly<Record<string, unknown>>, option: "level" | "errorLevel", fallback: LogLevel): LogLevel {
  const value = given[option] ?? fallback;
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new ConfigError(`logging: ${option} must be one of ${LEVELS.join(", ")}, got ${describeValue(value)}`, { path: option });
}

function extraPatterns(value: unknown): RegExp[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError(`logging: redact must be an array of regular expressions (or their sources), got ${describeValue(value)}`, { path: "redact" });
  return value.map((pattern: unknown, i) => {
    if (pattern instanceof RegExp) return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    if (typeof pattern === "string" && pattern !== "") {
      try {
        return new RegExp(pattern, "g");
      } catch {
        throw new ConfigError(`logging: redact[${i}] is not a valid regular expression`, { path: `redact[${i}]` });
      }
    }
    throw new ConfigError(`logging: redact[${i}] must be a RegExp or a non-empty string, got ${describeValue(pattern)}`, { path: `redact[${i}]` });
  });
}
