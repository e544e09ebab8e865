import type { Logger, LogLevel } from "./logging-options.js";

/** Where {@link jsonLogger} writes: anything with a `write(text)` (a stream, a test's array). */
export interface LineSink {
  write(line: string): unknown;
}

/** Options of {@link jsonLogger}. */
export interface JsonLoggerOptions {
  /** Where `debug` and `info` records go. @default process.stdout */
  readonly stdout?: LineSink;
  /** Where `warn` and `error` records go. @default process.stderr */
  readonly stderr?: LineSink;
}

/**
 * A logger that writes each record as one JSON line, `{ level, time, msg, ...fields }`: `debug` and
 * `info` on stdout, `warn` and `error` on stderr. What `logging()` uses when given no logger (as
 * from a config file, where a logger cannot be written).
 *
 * @example
 * ```ts
 * logging({ logger: jsonLogger({ stdout: process.stderr }) }) // everything on stderr
 * ```
 */
export function jsonLogger(options: JsonLoggerOptions = {}): Required<Logger> {
  const line =
    (level: LogLevel) =>
    (fields: Readonly<Record<string, unknown>>, message: string): void => {
      const sink = level === "warn" || level === "error" ? (options.stderr ?? process.stderr) : (options.stdout ?? process.stdout);
      sink.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields })}\n`);
    };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}
