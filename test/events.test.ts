import { describe, expect, it, vi } from "vitest";
import { cache, createClient, rateLimit, retry, type ClientEvent, type Message } from "proxyless";
import { useEmulator } from "./helpers/use-emulator.js";

const OPENAI = "openai/gpt-4o-mini";
const ask = (text = "Hello"): { model: string; messages: Message[] } => ({ model: OPENAI, messages: [{ role: "user", content: text }] });

const harness = useEmulator("sk-ev-0001");

function listen(llm: ReturnType<typeof createClient>): ClientEvent[] {
  const seen: ClientEvent[] = [];
  for (const type of ["request", "response", "error", "retry", "fallback", "hedge", "cache-hit", "rate-limited", "key-disabled", "circuit"] as const) llm.on(type, (e) => seen.push(e));
  return seen;
}
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe("events", () => {
  it("a call tells request and response; a failed one request and error; chat and stream alike", async () => {
    const llm = createClient({ providers: harness.emulator.providers("sk-ev-0001"), retry: false });
    const seen = listen(llm);
    const answered = await llm.chat(ask());
    await llm.stream(ask()).final();
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 400 } });
    await expect(llm.chat(ask())).rejects.toThrow();
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 400 } });
    await expect(llm.stream(ask()).final()).rejects.toThrow();
    await settle();
    expect(seen.map((e) => `${e.type}${"kind" in e ? ` ${e.kind}` : ""}`)).toEqual([
      "request chat",
      "response chat",
      "request stream",
      "response stream",
      "request chat",
      "error chat",
      "request stream",
      "error stream",
    ]);
    expect(seen[1]).toMatchObject({ type: "response", response: { id: answered.id } });
    expect(seen[5]).toMatchObject({ type: "error", error: { name: "InvalidRequestError" } });
  });

  it("a consumer that breaks out of a stream gets no error, and no error event is told", async () => {
    const llm = createClient({ providers: harness.emulator.providers("sk-ev-0001"), retry: false });
    const seen = listen(llm);
    for await (const event of llm.stream(ask())) if (event.type === "text-delta") break;
    await settle();
    expect(seen.map((e) => e.type)).toEqual(["request"]);
  });

  it("retry, cache-hit and rate-limited are told by their middleware", async () => {
    const llm = createClient({
      providers: harness.emulator.providers("sk-ev-0001"),
      middleware: [cache(), retry({ minDelayMs: 1, jitter: 0 }), rateLimit({ rules: { "*": { concurrency: 1 } } })],
    });
    const seen = listen(llm);
    harness.emulator.script({ provider: "openai", respond: { type: "error", status: 500 } });
    await Promise.all([llm.chat(ask("a")), llm.chat(ask("b"))]);
    await llm.chat(ask("a"));
    await settle();
    const types = seen.map((e) => e.type);
    expect(types).toContain("retry");
    expect(types).toContain("rate-limited");
    expect(seen.find((e) => e.type === "retry")).toMatchObject({ retry: 1, error: { name: "ServerError" }, target: { provider: "openai" } });
    expect(seen.find((e) => e.type === "cache-hit")).toMatchObject({ model: OPENAI, shared: false });
    expect(seen.find((e) => e.type === "rate-limited")).toMatchObject({ reason: "permit", rule: "*" });
  });

  it("a slow or throwing listener neither delays nor fails the call", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const llm = createClient({ providers: harness.emulator.providers("sk-ev-0001"), retry: false });
    llm.on("request", () => {
      throw new Error("listener bug");
    });
    let spun = 0;
    llm.on("response", () => {
      const until = performance.now() + 200;
      while (performance.now() < until) spun++;
    });
    const started = performance.now();
    const response = await llm.chat(ask());
    const returnedAfter = performance.now() - started;
    expect(response.provider).toBe("openai");
    // The call returned before the slow listener ran.
    expect(spun).toBe(0);
    expect(returnedAfter).toBeLessThan(response.meta.latencyMs + 50);
    await settle();
    expect(spun).toBeGreaterThan(0);
    warn.mockRestore();
  });
});
