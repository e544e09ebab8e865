import type { RecordedRequest } from "./record-request.js";
import type { Scenario, ScriptRule } from "./scenario.js";

interface Entry {
  readonly rule: ScriptRule;
  remaining: number;
}

/** Scripted answers, consumed first in, first out by the requests they match. */
export class ScriptQueue {
  #entries: Entry[] = [];

  /** Queues a rule behind the others. @throws RangeError when `times` is below 1. */
  add(rule: ScriptRule): void {
    const times = rule.times ?? 1;
    if (!(times >= 1)) throw new RangeError(`ScriptRule.times must be at least 1 (or Infinity), got ${times}`);
    this.#entries.push({ rule, remaining: times });
  }

  /** The scenario of the oldest rule matching the request, counting one use of it. */
  take(request: RecordedRequest): Scenario | undefined {
    const entry = this.#entries.find(({ rule }) => (rule.provider === undefined || rule.provider === request.provider) && (rule.match?.(request) ?? true));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries = this.#entries.filter((other) => other !== entry);
    return entry.rule.respond;
  }

  /** Forgets every rule. */
  clear(): void {
    this.#entries = [];
  }
}
