import { ConfigError } from "../../core/errors/config-error.js";
import type { Target } from "../../core/types/target.js";
import type { RateLimitRule } from "./rate-limit-options.js";

/** A rule with its pattern, checked and with its defaults filled in. */
export interface ResolvedRule {
  readonly pattern: string;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly concurrency?: number;
  readonly maxQueue: number;
  readonly maxWaitMs: number;
  readonly windowMs: number;
  readonly perModel: boolean;
}

interface Matcher {
  readonly rule: ResolvedRule;
  readonly provider?: string;
  /** Whole model id, or a prefix when `prefix`. */
  readonly model?: string;
  readonly prefix: boolean;
  /** Higher wins: exact model, then longer prefixes, then a provider, then `*`. */
  readonly rank: number;
}

const LIMITS = ["rpm", "tpm", "concurrency", "maxQueue", "maxWaitMs", "windowMs"] as const;
const KNOWN = new Set<string>([...LIMITS, "perModel"]);

/**
 * The rules of a `rateLimit()`, and which one an attempt follows: the most specific pattern that
 * matches its target.
 *
 * @throws ConfigError naming the rule and the setting that is wrong.
 */
export class RuleTable {
  readonly #matchers: Matcher[];
  /** Per provider, per model: the rule, and each key's lane and pause key. Nested so that a lookup builds no string. */
  readonly #cache = new Map<string, Map<string, ModelRules>>();
  #cached = 0;

  constructor(rules: Readonly<Record<string, RateLimitRule>>) {
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
      throw new ConfigError('rateLimit: rules must be an object of target patterns, e.g. { "openai/*": { rpm: 500 } }', { path: "rules" });
    }
    this.#matchers = Object.entries(rules).map(([pattern, rule]) => matcherOf(pattern, rule));
    this.#matchers.sort((a, b) => b.rank - a.rank);
  }

  /** What an attempt on `target` is limited by (its rule is the most specific that matches), worked out once per target and key. */
  slotFor(target: Target): TargetSlot {
    let model = this.#cache.get(target.provider)?.get(target.model);
    if (model === undefined) {
      // Bounded: a model name is the caller's to choose.
      if (this.#cached >= 10_000) {
        this.#cache.clear();
        this.#cached = 0;
      }
      let models = this.#cache.get(target.provider);
      if (models === undefined) this.#cache.set(target.provider, (models = new Map<string, ModelRules>()));
      model = { rule: this.#matchers.find((m) => matches(m, target))?.rule, keys: [] };
      models.set(target.model, model);
      this.#cached += 1;
    }
    // A provider that needs no key has `keyIndex` -1: its slot is the first.
    const index = target.keyIndex + 1;
    let slot = model.keys[index];
    if (slot === undefined) {
      const { rule } = model;
      slot = { key: `${target.provider}/${target.model}#${target.keyIndex}`, rule, lane: rule ? laneOf(rule, target) : undefined };
      model.keys[index] = slot;
    }
    return slot;
  }
}

/** What one provider's model is limited by: its rule, and per key (by `keyIndex + 1`) its slot. */
interface ModelRules {
  readonly rule: ResolvedRule | undefined;
  readonly keys: TargetSlot[];
}

/** A target and key as the limiter sees it. */
export interface TargetSlot {
  /** What a pause on it is held under: the provider's signals are per key and model. */
  readonly key: string;
  readonly rule: ResolvedRule | undefined;
  /** The budget it draws from under `rule` (see {@link laneOf}). */
  readonly lane: string | undefined;
}

/**
 * The budget an attempt draws from: one per rule, provider and API key (a `"*"` rule gives each
 * provider's each key its own), and per model too with `perModel`.
 */
export function laneOf(rule: ResolvedRule, target: Target): string {
  const model = rule.perModel ? `/${target.model}` : "";
  return `${rule.pattern}|${target.provider}${model}#${target.keyIndex}`;
}

function matches(m: Matcher, target: Target): boolean {
  if (m.provider !== undefined && m.provider !== target.provider) return false;
  if (m.model === undefined) return true;
  return m.prefix ? target.model.startsWith(m.model) : target.model === m.model;
}

function matcherOf(pattern: string, rule: RateLimitRule): Matcher {
  const path = `rules["${pattern}"]`;
  if (typeof rule !== "object" || rule === null) throw new ConfigError(`rateLimit: ${path} must be an object such as { rpm: 60 }`, { path });
  for (const key of Object.keys(rule)) {
    if (!KNOWN.has(key)) throw new ConfigError(`rateLimit: ${path}.${key} is not a rule setting (known: ${[...KNOWN].join(", ")})`, { path: `${path}.${key}` });
  }
  for (const key of LIMITS) {
    const value = rule[key];
    if (value === undefined) continue;
    const infinite = (key === "maxQueue" || key === "maxWaitMs") && value === Infinity;
    const integer = key !== "maxWaitMs";
    if (typeof value !== "number" || !(infinite || (Number.isFinite(value) && (integer ? Number.isInteger(value) : true))) || value < (key === "maxQueue" || key === "maxWaitMs" ? 0 : 1)) {
      throw new ConfigError(`rateLimit: ${path}.${key} must be a ${integer ? "whole " : ""}number of at least ${key === "maxQueue" || key === "maxWaitMs" ? 0 : 1}, got ${JSON.stringify(value)}`, {
        path: `${path}.${key}`,
      });
    }
  }
  if (rule.perModel !== undefined && typeof rule.perModel !== "boolean") {
    throw new ConfigError(`rateLimit: ${path}.perModel must be true or false`, { path: `${path}.perModel` });
  }
  const resolved: ResolvedRule = {
    pattern,
    ...(rule.rpm !== undefined ? { rpm: rule.rpm } : {}),
    ...(rule.tpm !== undefined ? { tpm: rule.tpm } : {}),
    ...(rule.concurrency !== undefined ? { concurrency: rule.concurrency } : {}),
    maxQueue: rule.maxQueue ?? Infinity,
    maxWaitMs: rule.maxWaitMs ?? Infinity,
    windowMs: rule.windowMs ?? 60_000,
    perModel: rule.perModel ?? false,
  };
  if (pattern === "*") return { rule: resolved, prefix: false, rank: 0 };
  const slash = pattern.indexOf("/");
  const provider = slash === -1 ? pattern : pattern.slice(0, slash);
  const model = slash === -1 ? "*" : pattern.slice(slash + 1);
  if (!provider || provider.includes("*") || !model || model.slice(0, -1).includes("*")) {
    throw new ConfigError(
      `rateLimit: rule pattern "${pattern}" is not one of "*", "provider/*", "provider/model-prefix*" or "provider/model"`,
      { path },
    );
  }
  if (model === "*") return { rule: resolved, provider, prefix: false, rank: 1 };
  if (model.endsWith("*")) return { rule: resolved, provider, model: model.slice(0, -1), prefix: true, rank: 2 + model.length };
  return { rule: resolved, provider, model, prefix: false, rank: Number.MAX_SAFE_INTEGER };
}
