/**
 * circuitBreaker() over real HTTP: proxyless → official SDK → emulator. A circuit opens after its
 * threshold, the emulator sees nothing for that target while it is open (chat and stream), other
 * targets are untouched, a probe after the cooldown closes it (or opens it again), a retry()
 * outside stops at an open circuit, and every change is a `circuit` event on `llm.on`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { builtinMiddleware, circuitBreaker, CircuitOpenError, createClient, resolveConfig, retry } from "proxyless";
import type { ChatRequest, CircuitBreakerOptions, CircuitEvent, Client, Middleware } from "proxyless";
import { useEmulator } from "./helpers/use-emulator.js";

const KEY = "sk-breaker-test-0001";
const MODEL = "openai/gpt-4o-mini";
const OTHER = "openai/gpt-4o";
const COOLDOWN_MS = 400;

const harness = useEmulator(KEY);
// Loads the SDK once, so that no timing below includes a first import.
beforeAll(() => harness.llm.chat(ask()));

function ask(model = MODEL, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: "user", content: "Hello" }], ...extra };
}

/** A client with the breaker (and what else is given), and the circuit events it emits. */
function client(options: CircuitBreakerOptions = {}, before: readonly Middleware[] = []): { llm: Client; events: CircuitEvent[] } {
  const llm = createClient({
    retry: false,
    providers: harness.emulator.providers(KEY),
    middleware: [...before, circuitBreaker({ failureThreshold: 3, cooldownMs: COOLDOWN_MS, ...options })],
  });
  const events: CircuitEvent[] = [];
  llm.on("circuit", (event) => void events.push(event));
  return { llm, events };
}

/** Makes the next `times` requests for `model` fail with a 500. */
function failing(times: number, model = "gpt-4o-mini"): void {
  harness.emulator.script({ provider: "openai", match: (r) => r.model === model, respond: { type: "error", status: 500 }, times });
}

async function chatError(llm: Client, request: ChatRequest = ask()): Promise<Error> {
  return llm.chat(request).then(
    () => {
      throw new Error("the chat did not fail");
    },
    (error: unknown) => error as Error,
  );
}

/** Gives requests still under way time to arrive, and event listeners time to run. */
const settled = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const requestsFor = (model: string): number => harness.emulator.requests.filter((r) => r.model === model).length;
const moves = (events: readonly CircuitEvent[]): string[] => events.map((e) => `${e.from}→${e.to}`);

describe("circuitBreaker() against the emulator", () => {
  it("opens after the threshold; while open the emulator sees no request for that target; a probe after the cooldown closes it", async () => {
    const { llm, events } = client();
    failing(3);
    for (let i = 0; i < 3; i++) expect(await chatError(llm)).toMatchObject({ name: "ServerError", status: 500 });
    expect(requestsFor("gpt-4o-mini")).toBe(3);

    // Open: refused at once, nothing sent, for chat and stream alike.
    const refused = await chatError(llm);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(refused).toMatchObject({ retryable: false, code: "circuit_open", provider: "openai" });
    expect((refused as CircuitOpenError).retryAfterMs).toBeGreaterThan(0);
    await expect(llm.stream(ask()).final()).rejects.toBeInstanceOf(CircuitOpenError);
    await settled();
    expect(requestsFor("gpt-4o-mini")).toBe(3);

    // Another model of the same provider has its own circuit.
    expect((await llm.chat(ask(OTHER))).text).not.toBe("");
    expect(requestsFor("gpt-4o")).toBe(1);

    // The target is healthy again (the script is used up): after the cooldown one probe goes out and closes it.
    await settled(COOLDOWN_MS);
    expect((await llm.chat(ask())).text).not.toBe("");
    expect(requestsFor("gpt-4o-mini")).toBe(4);
    expect((await llm.chat(ask())).text).not.toBe("");
    await settled();
    expect(moves(events)).toEqual(["closed→open", "open→half-open", "half-open→closed"]);
    expect(events[0]).toMatchObject({
      type: "circuit",
      breaker: "circuit-breaker",
      target: { provider: "openai", model: "gpt-4o-mini", keyIndex: 0 },
      error: { name: "ServerError" },
    });
  });

  it("a probe that fails opens it again for another cooldown, still sending nothing meanwhile", async () => {
    const { llm, events } = client({ failureThreshold: 1 });
    failing(2);
    await chatError(llm);
    await settled(COOLDOWN_MS);
    expect(await chatError(llm)).toMatchObject({ name: "ServerError" }); // the probe
    expect(await chatError(llm)).toBeInstanceOf(CircuitOpenError);
    await settled();
    expect(requestsFor("gpt-4o-mini")).toBe(2);
    expect(moves(events)).toEqual(["closed→open", "open→half-open", "half-open→open"]);
  });

  it("a stream that fails after its first event counts; one that finishes closes a half-open circuit", async () => {
    const { llm, events } = client({ failureThreshold: 1 });
    harness.emulator.script({ provider: "openai", respond: { type: "cut", afterEvents: 2 } });
    const broken = llm.stream(ask());
    await expect(broken.final()).rejects.toMatchObject({ name: "StreamInterruptedError" });
    await expect(llm.stream(ask()).final()).rejects.toBeInstanceOf(CircuitOpenError);
    await settled(COOLDOWN_MS);
    expect((await llm.stream(ask()).final()).text).not.toBe("");
    await settled();
    expect(requestsFor("gpt-4o-mini")).toBe(2);
    expect(moves(events)).toEqual(["closed→open", "open→half-open", "half-open→closed"]);
  });

  it("inside retry(): the retries stop at the open circuit, without another request", async () => {
    const { llm } = client({ failureThreshold: 2 }, [retry({ retries: 5, minDelayMs: 1 })]);
    failing(Number.POSITIVE_INFINITY);
    const error = await chatError(llm);
    expect(error).toBeInstanceOf(CircuitOpenError);
    await settled();
    expect(requestsFor("gpt-4o-mini")).toBe(2);
  });

  it("does not count what says nothing about the target: a 400, a 401, a 429", async () => {
    const { llm, events } = client({ failureThreshold: 1 });
    for (const status of [400, 401, 429]) harness.emulator.script({ provider: "openai", respond: { type: "error", status } });
    for (let i = 0; i < 3; i++) expect(await chatError(llm)).not.toBeInstanceOf(CircuitOpenError);
    expect((await llm.chat(ask())).text).not.toBe("");
    await settled();
    expect(events).toEqual([]);
  });

  it("can be named in a JSON config", () => {
    const config = resolveConfig({ middleware: [{ name: "circuitBreaker", options: { failureThreshold: 2, cooldownMs: 1_000, name: "cb" } }] }, { middleware: builtinMiddleware });
    expect(config.middleware?.map((m) => [m.name, m.scope])).toEqual([["cb", "attempt"]]);
    expect(() => resolveConfig({ middleware: [{ name: "circuitBreaker", options: { threshold: 2 } }] }, { middleware: builtinMiddleware })).toThrow(/unknown option "threshold"/);
  });
});
