import { describe, expect, it } from "vitest";
import { createClientWith } from "../../core/client.js";
import { mockProvider } from "../../testing/mock-provider.js";
import { observeCall, type CallEnd } from "./observe-call.js";

const request = { model: "mock/m", messages: [{ role: "user" as const, content: "Hi" }] };

describe("observeCall", () => {
  it("tells each call once, with its attempts and latency", async () => {
    const ends: CallEnd[] = [];
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider() } }, middleware: [{ name: "watch", ...observeCall((end) => ends.push(end)) }] }, []);
    await llm.chat(request);
    await llm.stream(request).final();
    expect(ends.map((e) => [e.context.kind, e.outcome.type, e.attempts.length])).toEqual([
      ["chat", "answered", 1],
      ["stream", "answered", 1],
    ]);
    expect(ends[0]?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("an observer that throws changes nothing, for chat or stream", async () => {
    const watch = {
      name: "watch",
      ...observeCall(() => {
        throw new Error("observer bug");
      }),
    };
    const llm = createClientWith({ providers: { mock: { adapter: mockProvider({ replies: { text: "fine" } }) } }, middleware: [watch] }, []);
    expect((await llm.chat(request)).text).toBe("fine");
    expect((await llm.stream(request).final()).text).toBe("fine");
  });
});
