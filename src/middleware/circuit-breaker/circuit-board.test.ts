import { describe, expect, it } from "vitest";
import { ServerError } from "../../core/errors/server-error.js";
import type { ClientEvent } from "../../core/types/client-event.js";
import { CircuitBoard } from "./circuit-board.js";
import { resolveCircuitBreakerOptions } from "./resolve-circuit-breaker-options.js";

const emitter = { emit: (_event: ClientEvent): void => undefined };
const target = (model: string) => ({ provider: "openai", model, keyIndex: 0 });

describe("CircuitBoard", () => {
  it("drops closed, idle circuits once a window has passed, and keeps open ones and ones in use", () => {
    const board = new CircuitBoard(resolveCircuitBreakerOptions({ failureThreshold: 1, windowMs: 1_000, cooldownMs: 60_000 }));
    for (let i = 0; i < 100; i++) {
      const circuit = board.circuitFor(target(`m${i}`), 10);
      circuit.succeeded(circuit.admit(10, emitter), 10, emitter);
    }
    const failing = board.circuitFor(target("down"), 10);
    failing.failed(failing.admit(10, emitter), new ServerError("500"), 10, emitter);
    const running = board.circuitFor(target("long-stream"), 10);
    running.admit(10, emitter);
    expect(board.size).toBe(102);

    board.circuitFor(target("new"), 1_010);
    expect(board.size).toBe(3);
    expect(board.circuitFor(target("down"), 1_010)).toBe(failing);
    expect(failing.state).toBe("open");
    expect(board.circuitFor(target("long-stream"), 1_010)).toBe(running);
  });

  it("keys on the key of the pool unless perKey is false", () => {
    const perKey = new CircuitBoard(resolveCircuitBreakerOptions());
    expect(perKey.circuitFor({ provider: "p", model: "m", keyIndex: 0 }, 0)).not.toBe(perKey.circuitFor({ provider: "p", model: "m", keyIndex: 1 }, 0));
    const shared = new CircuitBoard(resolveCircuitBreakerOptions({ perKey: false }));
    const circuit = shared.circuitFor({ provider: "p", model: "m", keyIndex: 0 }, 0);
    expect(shared.circuitFor({ provider: "p", model: "m", keyIndex: 1 }, 0)).toBe(circuit);
    expect(circuit.target).toEqual({ provider: "p", model: "m", keyIndex: -1 });
  });
});
