import type { Target } from "../../core/types/target.js";
import { Circuit } from "./circuit.js";
import type { ResolvedCircuitBreakerOptions } from "./resolve-circuit-breaker-options.js";

/**
 * The circuits of one breaker, by target. Bounded by what is in use: once per window it drops
 * the circuits that are closed, with nothing running and nothing in their window, since a new one
 * would be the same. Open and half-open circuits stay (they hold a cooldown or a probe), so the
 * map holds the targets used in the last two windows and those that failed.
 */
export class CircuitBoard {
  readonly #policy: ResolvedCircuitBreakerOptions;
  readonly #circuits = new Map<string, Circuit>();
  #nextSweep = 0;

  constructor(policy: ResolvedCircuitBreakerOptions) {
    this.#policy = policy;
  }

  /** How many circuits it holds (for tests and metrics). */
  get size(): number {
    return this.#circuits.size;
  }

  /** The circuit of an attempt's target, made when first needed. */
  circuitFor(target: Target, now: number): Circuit {
    if (now >= this.#nextSweep) this.#sweep(now);
    const perKey = this.#policy.perKey;
    const key = perKey ? `${target.provider}/${target.model}#${target.keyIndex}` : `${target.provider}/${target.model}`;
    let circuit = this.#circuits.get(key);
    if (!circuit) {
      circuit = new Circuit(this.#policy, { provider: target.provider, model: target.model, keyIndex: perKey ? target.keyIndex : -1 });
      this.#circuits.set(key, circuit);
    }
    return circuit;
  }

  #sweep(now: number): void {
    this.#nextSweep = now + this.#policy.windowMs;
    for (const [key, circuit] of this.#circuits) if (circuit.idle(now)) this.#circuits.delete(key);
  }
}
