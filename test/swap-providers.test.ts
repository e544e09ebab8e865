import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "proxyless/testing";
import { ask, emulatorEnvironment } from "../examples/swap-providers/ask.js";

const file = (name: string): string => fileURLToPath(new URL(`../examples/swap-providers/${name}`, import.meta.url));

let emulator: Emulator;
const saved = { ...process.env };
beforeAll(async () => {
  emulator = await startEmulator();
  Object.assign(process.env, emulatorEnvironment(emulator.baseURLs));
});
afterAll(async () => {
  process.env = saved;
  await emulator.close();
});
beforeEach(() => emulator.reset());

describe("swapping providers is a config change", () => {
  it("the same code goes to OpenAI with one file and to Anthropic with the other", async () => {
    expect((await ask(file("openai.json"), "Hi")).provider).toBe("openai");
    expect((await ask(file("anthropic.json"), "Hi")).provider).toBe("anthropic");
    expect(emulator.requests.map((r) => r.provider)).toEqual(["openai", "anthropic"]);
  });

  it("each file's route falls back where it says", async () => {
    emulator.script({ provider: "openai", respond: { type: "error", status: 400, message: "stop here" } });
    await expect(ask(file("openai.json"), "Hi")).rejects.toThrow(/stop here/);
    emulator.script({ provider: "anthropic", times: 2, respond: { type: "error", status: 529 } });
    const answer = await ask(file("anthropic.json"), "Hi");
    expect(answer.provider).toBe("google");
    expect(answer.meta.attempts.map((a) => a.target.provider)).toEqual(["anthropic", "anthropic", "google"]);
  });
});
