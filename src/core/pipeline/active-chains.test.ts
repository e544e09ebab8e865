import { describe, expect, it } from "vitest";
import { mockProvider } from "../../testing/mock-provider.js";
import { createClientWith } from "../client.js";
import type { Middleware } from "../types/middleware.js";

/** A middleware that counts what runs: its own hooks and its companion's. */
function counted(name: string, idle?: () => boolean): { mw: Middleware; runs: string[] } {
  const runs: string[] = [];
  const companion: Middleware = {
    name: `${name}:attempt`,
    scope: "attempt",
    wrapChat: ({ request, next }) => (runs.push("attempt chat"), next(request)),
    wrapStream: ({ request, next }) => (runs.push("attempt stream"), next(request)),
  };
  const mw: Middleware = {
    name,
    attempt: companion,
    wrapChat: ({ request, next }) => (runs.push("chat"), next(request)),
    wrapStream: ({ request, next }) => (runs.push("stream"), next(request)),
    ...(idle ? { idle } : {}),
  };
  return { mw, runs };
}

function client(...middleware: Middleware[]) {
  const llm = createClientWith({ providers: { m: { adapter: mockProvider({ name: "m", replies: { text: "one two" } }) } }, middleware }, []);
  const request = { model: "m/x", messages: [{ role: "user" as const, content: "Hi" }] };
  return { chat: () => llm.chat(request), stream: () => llm.stream(request).final() };
}

describe("middleware that sit a call out (idle)", () => {
  it("is left out of a call, companion and all, while idle() says so; asked again for every call", async () => {
    let idle = true;
    const sleepy = counted("sleepy", () => idle);
    const awake = counted("awake");
    const { chat, stream } = client(sleepy.mw, awake.mw);
    expect((await chat()).text).toBe("one two");
    expect((await stream()).text).toBe("one two");
    expect(sleepy.runs).toEqual([]);
    expect(awake.runs).toEqual(["chat", "attempt chat", "stream", "attempt stream"]);
    idle = false;
    await chat();
    await stream();
    expect(sleepy.runs).toEqual(["chat", "attempt chat", "stream", "attempt stream"]);
  });

  it("takes part when idle() throws or gives anything but true", async () => {
    const throwing = counted("throwing", () => {
      throw new Error("broken idle");
    });
    const vague = counted("vague", () => undefined as unknown as boolean);
    const { chat } = client(throwing.mw, vague.mw);
    await chat();
    expect(throwing.runs).toEqual(["chat", "attempt chat"]);
    expect(vague.runs).toEqual(["chat", "attempt chat"]);
  });

  it("keeps the order of the others whichever sit out", async () => {
    const order: string[] = [];
    const named = (name: string, idle: () => boolean): Middleware => ({ name, idle, wrapChat: ({ request, next }) => (order.push(name), next(request)) });
    let out = "b";
    const { chat } = client(named("a", () => out === "a"), named("b", () => out === "b"), named("c", () => out === "c"));
    await chat();
    out = "a";
    await chat();
    out = "none";
    await chat();
    expect(order).toEqual(["a", "c", "b", "c", "a", "b", "c"]);
  });

  it("a client refuses an idle that is not a function", () => {
    const notIdle = { name: "x", idle: true, wrapChat: ({ request, next }: Parameters<NonNullable<Middleware["wrapChat"]>>[0]) => next(request) };
    expect(() => createClientWith({ providers: { m: { adapter: mockProvider() } }, middleware: [notIdle as unknown as Middleware] }, [])).toThrow(/idle/);
  });
});
