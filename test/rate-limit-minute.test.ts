/**
 * The limit as users write it, in real time: `rpm: 60` over a real minute. 70 requests at once: the
 * emulator's arrival times never show more than 60 in any 60 s window, and the last ten wait for
 * the window to move on. (The fast tests in rate-limit.test.ts check the same with short windows.)
 */
import { expect, it } from "vitest";
import { createClient, rateLimit } from "proxyless";
import { startEmulator } from "proxyless/testing";
import { busiestWindow } from "./helpers/windows.js";

it("rpm: 60 never lets more than 60 requests reach the provider in any 60 s window", async () => {
  await using emulator = Object.assign(await startEmulator(), { [Symbol.asyncDispose]: () => emulator.close() });
  const llm = createClient({ providers: emulator.providers("sk-minute-0001"), middleware: [rateLimit({ rules: { "openai/*": { rpm: 60 } } })], retry: false });
  const started = Date.now();
  await Promise.all(Array.from({ length: 70 }, (_, i) => llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: `q${i}` }], maxTokens: 5 })));
  const arrivals = emulator.requests.map((r) => ({ at: r.receivedAt, weight: 1 }));
  expect(arrivals).toHaveLength(70);
  expect(busiestWindow(arrivals, 60_000)).toBeLessThanOrEqual(60);
  expect(busiestWindow(arrivals, 1_000)).toBeGreaterThanOrEqual(50);
  expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
}, 120_000);
