/**
 * Chaos, bounded and seeded: 2 000 calls (half chat, half stream) through retry, a circuit breaker
 * and per-attempt timeouts, on a route that falls back over three providers, while 30% of the
 * emulator's answers are faulty. Every call must end in a whole answer or a typed error within its
 * deadline, with no unhandled rejection and no timer left behind.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ProxylessError, circuitBreaker, createClient, retry, timeout, type ChatResponse, type Message } from "proxyless";
import { startEmulator, type Emulator, type RecordedRequest } from "proxyless/testing";
import { seededRandom } from "./helpers/seeded-random.js";

const CALLS = 2_000;
const CONCURRENCY = 16;
const REPLY_WORDS = 12;
const DEADLINE_MS = 4_000;
const FAULT_SHARE = 0.3;

type Fault = "429" | "500" | "529" | "reset" | "hang" | "cut" | "malformed";
const CHAT_FAULTS: readonly Fault[] = ["429", "500", "529", "reset", "hang"];
const STREAM_FAULTS: readonly Fault[] = [...CHAT_FAULTS, "cut", "malformed"];


let emulator: Emulator;
const faults = new Map<number, Fault | undefined>();

beforeAll(async () => {
  emulator = await startEmulator({ replyWords: REPLY_WORDS });
  const random = seededRandom(20261202);
  const faultOf = (request: RecordedRequest): Fault | undefined => {
    if (!faults.has(request.id)) {
      const kinds = request.stream ? STREAM_FAULTS : CHAT_FAULTS;
      faults.set(request.id, random() < FAULT_SHARE ? (kinds[Math.floor(random() * kinds.length)]) : undefined);
    }
    return faults.get(request.id);
  };
  const on = (fault: Fault) => (request: RecordedRequest) => faultOf(request) === fault;
  const afterEvents = 1 + Math.floor(random() * 3);
  emulator.script({ match: on("429"), times: Infinity, respond: { type: "error", status: 429, retryAfterSeconds: 1 } });
  emulator.script({ match: on("500"), times: Infinity, respond: { type: "error", status: 500 } });
  emulator.script({ match: on("529"), times: Infinity, respond: { type: "error", status: 529 } });
  emulator.script({ match: on("reset"), times: Infinity, respond: { type: "reset" } });
  emulator.script({ match: on("hang"), times: Infinity, respond: { type: "hang" } });
  emulator.script({ match: on("cut"), times: Infinity, respond: { type: "cut", afterEvents } });
  emulator.script({ match: on("malformed"), times: Infinity, respond: { type: "malformed", afterEvents } });
});
afterAll(() => emulator.close());

const isWhole = (response: ChatResponse): boolean => response.finishReason === "stop" && response.text.endsWith(".") && response.text.split(" ").length === REPLY_WORDS;

describe("chaos", () => {
  it(`${CALLS} calls with ${FAULT_SHARE * 100}% faulty answers: whole answers or typed errors, in time, nothing left behind`, async () => {
    // The openai SDK logs each malformed chunk it meets on console.error.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const llm = createClient({
      providers: emulator.providers("sk-chaos-0001"),
      models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5", "google/gemini-2.5-flash"] } },
      middleware: [
        retry({ retries: 2, minDelayMs: 2, maxDelayMs: 20, jitter: 0 }),
        circuitBreaker({ failureThreshold: 8, cooldownMs: 100 }),
        timeout({ totalMs: 400, firstTokenMs: 250, idleMs: 200 }),
      ],
    });
    const outcomes = { answers: 0, chatAnswers: 0, errors: new Map<string, number>(), late: 0, shortStreams: 0, untyped: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < CALLS) {
        const i = next++;
        const messages: Message[] = [{ role: "user", content: `call ${i}` }];
        const started = performance.now();
        try {
          const request = { model: "main", messages, signal: AbortSignal.timeout(DEADLINE_MS) };
          let response: ChatResponse;
          if (i % 2 === 0) response = await llm.chat(request);
          else {
            let streamed = "";
            const stream = llm.stream(request);
            for await (const event of stream) if (event.type === "text-delta") streamed += event.text;
            response = await stream.final();
            if (streamed !== response.text) outcomes.shortStreams += 1;
          }
          if (!isWhole(response)) outcomes.shortStreams += 1;
          outcomes.answers += 1;
          if (i % 2 === 0) outcomes.chatAnswers += 1;
        } catch (error) {
          if (!ProxylessError.isInstance(error)) outcomes.untyped += 1;
          const name = `${i % 2 === 0 ? "chat" : "stream"} ${(error as Error).name}`;
          outcomes.errors.set(name, (outcomes.errors.get(name) ?? 0) + 1);
        }
        if (performance.now() - started > DEADLINE_MS + 500) outcomes.late += 1;
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      // Whatever the calls left running (a loser's close) ends in a moment.
      await new Promise((r) => setTimeout(r, 300));
      expect(outcomes.untyped).toBe(0);
      expect(outcomes.late).toBe(0);
      expect(outcomes.shortStreams).toBe(0);
      expect(unhandled).toEqual([]);
      expect(outcomes.answers + [...outcomes.errors.values()].reduce((a, b) => a + b, 0)).toBe(CALLS);
      // With three providers to fall back on, a chat fails only when every target did; a stream
      // also fails once its first events went out (a cut or a malformed chunk after them), and
      // then as a typed error, never by moving to another target.
      expect(outcomes.chatAnswers).toBeGreaterThan((CALLS / 2) * 0.98);
      expect([...outcomes.errors.keys()].sort()).toEqual(expect.arrayContaining(["stream StreamInterruptedError"]));
      for (const name of outcomes.errors.keys()) expect(["chat AllTargetsFailedError", "stream AllTargetsFailedError", "stream StreamInterruptedError"]).toContain(name);
      expect(outcomes.answers).toBeGreaterThan(CALLS * 0.85);
      expect([...faults.values()].filter(Boolean).length).toBeGreaterThan(CALLS * 0.2);
      expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBeLessThanOrEqual(timersBefore);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      quiet.mockRestore();
    }
  }, 120_000);
});
