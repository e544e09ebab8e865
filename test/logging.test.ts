import { describe, expect, it, vi } from "vitest";
import { builtinMiddleware, ConfigError, createClient, logging, resolveConfig, retry, type Logger, type LogLevel, type Message } from "proxyless";
import type { Emulator } from "proxyless/testing";
import { useEmulator } from "./helpers/use-emulator.js";

const OPENAI = "openai/gpt-4o-mini";
const ANTHROPIC = "anthropic/claude-haiku-4-5";
const ask = (model: string, text = "Hello"): { model: string; messages: Message[] } => ({ model, messages: [{ role: "user", content: text }] });

interface Captured {
  readonly level: LogLevel;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string;
}

function capture(): Required<Logger> & { readonly records: Captured[] } {
  const records: Captured[] = [];
  const at = (level: LogLevel) => (fields: Readonly<Record<string, unknown>>, message: string) => void records.push({ level, fields, message });
  return { records, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const harness = useEmulator("sk-unused-0000");
const emulator = (): Emulator => harness.emulator;

describe("logging against the emulator", () => {
  it("logs an answer with its attempts, usage and finish reason", async () => {
    const logger = capture();
    const llm = createClient({ providers: emulator().providers("sk-log-0001"), middleware: [logging({ logger }), retry({ retries: 1, minDelayMs: 0 })] });
    emulator().script({ provider: "openai", respond: { type: "error", status: 500 } });
    await llm.chat(ask(OPENAI));
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]).toMatchObject({
      level: "info",
      message: "llm call",
      fields: {
        kind: "chat",
        model: OPENAI,
        provider: "openai",
        responseModel: expect.stringContaining("gpt-4o-mini") as string,
        cached: false,
        finishReason: "stop",
        usage: { totalTokens: expect.any(Number) as number },
        attempts: [{ target: { provider: "openai", model: "gpt-4o-mini" }, error: { name: "ServerError", status: 500 } }, { target: { provider: "openai" } }],
      },
    });
    // The call's timings, as far as the chain's end: the retry's backoff waited, the provider's time.
    const timings = (logger.records[0]?.fields as { timings: Record<string, number> }).timings;
    expect(timings.providerMs).toBeGreaterThan(0);
    expect(Object.keys(timings).sort()).toEqual(["backoffMs", "cacheMs", "overheadMs", "providerMs", "queuedMs"]);
  });

  // One key the built-in patterns would catch, one they would not: either way, none is logged.
  describe.each(["sk-log-echo-0001", "plain-emulator-secret-0002"])("with key %s", (key) => {
    it("a provider error echoing the key is logged at warn, without the key", async () => {
      const logger = capture();
      const llm = createClient({
        providers: emulator().providers(key),
        retry: false,
        middleware: [logging({ logger, logContent: true })],
        models: { main: { fallback: [OPENAI, ANTHROPIC] } },
      });
      emulator().script({ provider: "openai", respond: { type: "error", status: 500, echoKey: true } });
      emulator().script({ provider: "anthropic", respond: { type: "error", status: 401, echoKey: true } });
      await expect(llm.chat(ask("main"))).rejects.toThrow();
      emulator().script({ provider: "anthropic", respond: { type: "stream-error", afterEvents: 1, echoKey: true } });
      await expect(llm.stream(ask(ANTHROPIC)).final()).rejects.toThrow();
      emulator().script({ provider: "openai", respond: { type: "error", status: 401, echoKey: true } });
      await expect(llm.chat(ask(OPENAI))).rejects.toThrow();

      expect(logger.records.map((r) => [r.level, r.message])).toEqual([
        ["warn", "llm call failed"],
        ["warn", "llm call failed"],
        ["warn", "llm call failed"],
      ]);
      expect(logger.records[0]?.fields).toMatchObject({
        model: "main",
        // An auth error ends the route: the caller gets it, not an AllTargetsFailedError.
        error: { name: "AuthenticationError", provider: "anthropic" },
        attempts: [{ error: { name: "ServerError" } }, { error: { name: "AuthenticationError", status: 401 } }],
      });
      expect(logger.records[2]?.fields).toMatchObject({ error: { name: "AuthenticationError", status: 401, provider: "openai" } });
      // The echo was there, and was redacted (by core's scrubbing, then by the logger's patterns).
      expect(JSON.stringify(logger.records[2])).toContain("[redacted]");
      for (const record of logger.records) expect(JSON.stringify(record)).not.toContain(key);
    });
  });

  it("from a config file, with no logger, writes JSON lines to stdout", async () => {
    const config = resolveConfig({ middleware: [{ name: "logging", options: { level: "debug" } }] }, { middleware: builtinMiddleware });
    const llm = createClient({ ...config, providers: emulator().providers("sk-log-config-0003"), retry: false });
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    try {
      await llm.chat(ask(OPENAI));
    } finally {
      write.mockRestore();
    }
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((r) => r.msg === "llm call");
    expect(records).toMatchObject([{ level: "debug", kind: "chat", model: OPENAI, provider: "openai" }]);
    expect(() => resolveConfig({ middleware: [{ name: "logging", options: { logger: "pino" } }] }, { middleware: builtinMiddleware })).toThrow(ConfigError);
  });
});
