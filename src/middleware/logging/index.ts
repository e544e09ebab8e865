export { logging } from "./logging-middleware.js";
export type { Logger, LoggingOptions, LogLevel, LogMethod } from "./logging-options.js";
export { jsonLogger, type JsonLoggerOptions, type LineSink } from "./json-logger.js";
