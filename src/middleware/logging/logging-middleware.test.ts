import { describe, expect, it } from "vitest";
import { createClientWith } from "../../core/client.js";
import { AuthenticationError } from "../../core/errors/authentication-error.js";
import { ServerError } from "../../core/errors/server-error.js";
import type { Middleware } from "../../core/types/middleware.js";
import { mockProvider, type MockResponder } from "../../testing/mock-provider.js";
import { retry } from "../retry/index.js";
import { logging } from "./logging-middleware.js";
import type { Logger, LogLevel } from "./logging-options.js";

interface Captured {
  readonly level: LogLevel;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function fakeLogger(): Required<Logger> & { readonly records: Captured[] } {
  const records: Captured[] = [];
  const at = (level: LogLevel) => (fields: Readonly<Record<string, unknown>>, message: string) => void records.push({ level, fields: { ...fields }, message });
  return { records, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const messages = [{ role: "user" as const, content: "my secret prompt" }];
const ask = (model: string): { model: string; messages: typeof messages } => ({ model, messages });

function client(mw: Middleware, replies: MockResponder | readonly MockResponder[], extra: readonly Middleware[] = []) {
  return createClientWith({ providers: { mock: { adapter: mockProvider({ replies }) } }, middleware: [mw, ...extra] }, []);
}

describe("logging", () => {
  it("logs an answered chat once, at info, with its fields and no content", async () => {
    const logger = fakeLogger();
    const llm = client(logging({ logger }), { text: "the answer", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } });
    await llm.chat(ask("mock/m"));
    expect(logger.records).toHaveLength(1);
    const [record] = logger.records;
    expect(record).toMatchObject({
      level: "info",
      message: "llm call",
      fields: {
        callId: expect.any(String) as string,
        kind: "chat",
        model: "mock/m",
        provider: "mock",
        responseModel: "m",
        latencyMs: expect.any(Number) as number,
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        cached: false,
        finishReason: "stop",
        attempts: [{ target: { provider: "mock", model: "m", keyIndex: expect.any(Number) as number }, durationMs: expect.any(Number) as number }],
      },
    });
    expect(JSON.stringify(record)).not.toContain("secret prompt");
    expect(JSON.stringify(record)).not.toContain("the answer");
  });

  it("logs a failed call at warn with the error and every attempt", async () => {
    const logger = fakeLogger();
    const llm = client(logging({ logger }), new ServerError("upstream broke", { provider: "mock", status: 500, code: "server_error" }), [retry({ retries: 1, minDelayMs: 0 })]);
    await expect(llm.chat(ask("mock/m"))).rejects.toThrow(ServerError);
    expect(logger.records).toHaveLength(1);
    expect(logger.records[0]).toMatchObject({
      level: "warn",
      message: "llm call failed",
      fields: {
        kind: "chat",
        model: "mock/m",
        error: { name: "ServerError", message: "upstream broke", code: "server_error", status: 500, provider: "mock" },
        attempts: [{ error: { name: "ServerError" } }, { error: { name: "ServerError" } }],
      },
    });
  });

  it("level and errorLevel are configurable", async () => {
    const logger = fakeLogger();
    const llm = client(logging({ logger, level: "debug", errorLevel: "error" }), [{}, new AuthenticationError("no", { provider: "mock", status: 401 })]);
    await llm.chat(ask("mock/m"));
    await expect(llm.chat(ask("mock/m"))).rejects.toThrow();
    expect(logger.records.map((r) => r.level)).toEqual(["debug", "error"]);
  });

  it("logContent adds the messages and the output", async () => {
    const logger = fakeLogger();
    const llm = client(logging({ logger, logContent: true }), { text: "the answer" });
    await llm.chat(ask("mock/m"));
    expect(logger.records[0]?.fields).toMatchObject({ messages, output: { text: "the answer" } });
  });

  it("redacts what looks like a key in every string, and the caller's own patterns", async () => {
    const logger = fakeLogger();
    const leaky = "key sk-ant-api03-abcdefghijkl and AIzaSyA1234567890abcdef and Bearer abcdefgh12345678 and gsk_0123456789abcdefghij";
    const llm = client(logging({ logger, logContent: true, redact: ["gsk_[A-Za-z0-9]{20}"] }), [{ text: leaky }, new ServerError(leaky, { provider: "mock" })]);
    await llm.chat(ask("mock/m"));
    await expect(llm.chat(ask("mock/m"))).rejects.toThrow();
    const text = JSON.stringify(logger.records);
    for (const secret of ["sk-ant-api03-abcdefghijkl", "AIzaSyA1234567890abcdef", "abcdefgh12345678", "gsk_0123456789abcdefghij"]) expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });

  it("a stream is logged when it finishes; one closed early is cancelled", async () => {
    const logger = fakeLogger();
    const llm = client(logging({ logger }), { text: "one two three" });
    await llm.stream(ask("mock/m")).final();
    for await (const event of llm.stream(ask("mock/m"))) if (event.type === "text-delta") break;
    expect(logger.records.map((r) => [r.level, r.message, r.fields.kind])).toEqual([
      ["info", "llm call", "stream"],
      ["info", "llm call cancelled", "stream"],
    ]);
    expect(logger.records[1]?.fields.cancelled).toBe(true);
  });

  it("takes console as it is", () => {
    expect(logging({ logger: console }).name).toBe("logging");
  });

  it("a logger that throws, or rejects, never affects the call", async () => {
    const throwing: Logger = {
      info: () => {
        throw new Error("disk full");
      },
      // An async logger: its promise is handed back to the middleware, which must swallow the rejection.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the point of the test
      warn: () => Promise.reject(new Error("nope")),
    };
    const llm = client(logging({ logger: throwing }), [{ text: "ok" }, new ServerError("x", { provider: "mock", retryable: false })]);
    expect((await llm.chat(ask("mock/m"))).text).toBe("ok");
    await expect(llm.chat(ask("mock/m"))).rejects.toThrow(ServerError);
  });
});
