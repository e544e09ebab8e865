/** A level a record is written at. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * One method of a logger, pino's signature: the record's fields first, then the message. `console`
 * fits as it is (it prints the object, then the message). A logger whose methods take
 * `(message, fields)` needs a two-line adapter.
 */
export type LogMethod = (fields: Readonly<Record<string, unknown>>, message: string) => void;

/**
 * What `logging()` writes to: any pino-compatible logger. Only the methods of the levels it is
 * configured to use need be there (`info` and `warn` by default).
 */
export type Logger = { readonly [L in LogLevel]?: LogMethod };

/** Options of {@link logging}. Every one is optional; an unknown key is a `ConfigError`. */
export interface LoggingOptions {
  /**
   * Where the records go: a pino logger, `console`, or anything with `debug/info/warn/error(fields,
   * message)` methods. A logger that throws (or rejects) never affects the call.
   * @default jsonLogger(): one JSON line per record, on stdout (`debug`, `info`) or stderr (`warn`, `error`)
   */
  readonly logger?: Logger;
  /** The level of a call that was answered, or cancelled. @default "info" */
  readonly level?: LogLevel;
  /** The level of a call that ended in an error. @default "warn" */
  readonly errorLevel?: LogLevel;
  /**
   * Adds the request's `messages` and the answer's `text`, `reasoning` and `toolCalls` to the
   * record. Off by default: prompts and answers often hold personal data.
   * @default false
   */
  readonly logContent?: boolean;
  /**
   * More patterns to redact, besides the built-in ones for `sk-…` (OpenAI, Anthropic `sk-ant-…`),
   * `AIza…` (Google) and `Bearer …`: every match in every string of a record becomes
   * `[redacted]`. A string is read as a regular expression's source (for a config file).
   * @default []
   * @example
   * ```ts
   * logging({ logger, redact: [/gsk_[A-Za-z0-9]{20,}/] }) // Groq keys
   * ```
   */
  readonly redact?: readonly (RegExp | string)[];
  /** The middleware's name in errors and traces. @default "logging" */
  readonly name?: string;
}
