import { ConfigError } from "../../core/errors/config-error.js";
import type { GuardrailNote } from "../../core/types/chat-response.js";
import { describeValue, knownOptions } from "../../core/config/known-options.js";
import { inputCheckOf, outputCheckOf } from "./custom-check.js";
import type { InputRule, OutputRule } from "./guard-rules.js";
import type { InputCheckFunction, OutputCheckFunction } from "./guardrails-options.js";
import { passedNote } from "./notes.js";

/** An output check ready to run: its rule and the note it leaves when it passes. */
export interface ResolvedOutputCheck {
  readonly name: string;
  readonly rule: OutputRule;
  readonly passed: GuardrailNote;
}

/** `GuardrailsOptions` checked, each check ready to run. */
export interface ResolvedGuardrailsOptions {
  readonly name: string;
  readonly input: readonly InputRule[];
  readonly output: readonly ResolvedOutputCheck[];
  /** Whether an output check takes core's `StructuredOutputError` as its own failure (`jsonOutput()`). */
  readonly structured: boolean;
}

const KNOWN = ["input", "output", "name"];

/**
 * Checks the options of `guardrails()` as a config could give them (anything at all), once, when
 * the middleware is made: a check in the wrong list or a value that is no check fails then, not
 * on the first call.
 *
 * @throws ConfigError naming the option (`input[1]`) and what it takes.
 */
export function resolveGuardrailsOptions(options: unknown): ResolvedGuardrailsOptions {
  const given = knownOptions("guardrails", options, KNOWN);
  const name = given.name ?? "guardrails";
  if (typeof name !== "string" || name === "") throw new ConfigError(`guardrails: name must be a non-empty string, got ${describeValue(name)}`, { path: "name" });
  const input = listOf(given.input, "input").map((entry, i) => resolveInputRule(entry, i));
  const output = listOf(given.output, "output").map((entry, i) => resolveOutputCheck(entry, i));
  if (input.length === 0 && output.length === 0) {
    throw new ConfigError("guardrails: give at least one check in input or output, such as guardrails({ input: [pii()] })");
  }
  return { name, input, output, structured: output.some((check) => check.rule.structured === true) };
}

function listOf(value: unknown, side: "input" | "output"): readonly unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw new ConfigError(`guardrails: ${side} must be an array of checks, got ${describeValue(value)}`, { path: side });
}

function resolveInputRule(entry: unknown, i: number): InputRule {
  if (typeof entry === "function") return inputCheckOf(entry as InputCheckFunction, entry.name || `input[${i}]`).input;
  if (isGuard(entry, "input")) return entry.input;
  throw misplaced(entry, "input", i);
}

function resolveOutputCheck(entry: unknown, i: number): ResolvedOutputCheck {
  const guard = typeof entry === "function" ? outputCheckOf(entry as OutputCheckFunction, entry.name || `output[${i}]`) : entry;
  if (!isGuard(guard, "output")) throw misplaced(entry, "output", i);
  return { name: guard.name, rule: guard.output, passed: passedNote(guard.name, "output") };
}

function isGuard<S extends "input" | "output">(entry: unknown, side: S): entry is { readonly name: string } & Record<S, S extends "input" ? InputRule : OutputRule> {
  return typeof entry === "object" && entry !== null && typeof (entry as { name?: unknown }).name === "string" && typeof (entry as Record<string, unknown>)[side] === "object";
}

function misplaced(entry: unknown, side: "input" | "output", i: number): ConfigError {
  const other = side === "input" ? "output" : "input";
  if (isGuard(entry, other)) {
    return new ConfigError(`guardrails: ${side}[${i}] (${entry.name}) checks the ${other} only: put it in ${other}`, { path: `${side}[${i}]` });
  }
  return new ConfigError(`guardrails: ${side}[${i}] must be a check (pii(), blocklist(), maxInputSize(), jsonOutput()) or a function, got ${describeValue(entry)}`, { path: `${side}[${i}]` });
}
