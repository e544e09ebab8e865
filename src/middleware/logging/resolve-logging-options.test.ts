import { describe, expect, it } from "vitest";
import { ConfigError } from "../../core/errors/config-error.js";
import { resolveLoggingOptions } from "./resolve-logging-options.js";

describe("resolveLoggingOptions", () => {
  it("fills in the defaults: a JSON-lines logger, info and warn, no content", () => {
    const resolved = resolveLoggingOptions();
    expect(resolved).toMatchObject({ name: "logging", level: "info", errorLevel: "warn", logContent: false });
    expect(typeof resolved.logger.info).toBe("function");
  });

  it("makes each redact pattern global", () => {
    const { patterns } = resolveLoggingOptions({ redact: [/abc/, "def"] });
    expect(patterns.slice(-2).map((p) => [p.source, p.global])).toEqual([
      ["abc", true],
      ["def", true],
    ]);
  });

  it.each([
    [{ levle: "info" }, /unknown option "levle"/],
    [{ level: "trace" }, /level must be one of debug, info, warn, error/],
    [{ logger: { info: () => undefined } }, /logger has no warn\(\) method/],
    [{ logger: "pino" }, /logger must be an object/],
    [{ logContent: "yes" }, /logContent must be true or false/],
    [{ redact: "sk-" }, /redact must be an array/],
    [{ redact: ["("] }, /redact\[0\] is not a valid regular expression/],
  ])("rejects %j", (options, message) => {
    expect(() => resolveLoggingOptions(options)).toThrow(ConfigError);
    expect(() => resolveLoggingOptions(options)).toThrow(message);
  });
});
