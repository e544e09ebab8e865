import { isRecord } from "./json-shape.js";

/** JSON types as the APIs' definitions name them (`integer` is a number without a fraction). */
export type JsonType = "number" | "integer" | "string" | "boolean" | "array" | "object";

/**
 * A rule one field of a request body must meet, from a provider's published definition. `path`
 * is dotted, with `[]` for every item of an array: `tools[].function.name`.
 */
export interface FieldRule {
  readonly path: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  readonly pattern?: RegExp;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The field's type as the provider's errors name it (Gemini: `TYPE_INT32`, an enum's proto name). */
  readonly wireType?: string;
  /** An integer may come as a string of digits (proto3 JSON takes `"seed": "42"`). */
  readonly digitStrings?: boolean;
}

/** What is wrong with one field, for each provider to word in its own way. */
export type FieldProblem = {
  /** The concrete path, as `tools[2].function.name`. */
  readonly path: string;
  readonly value: unknown;
  readonly rule: FieldRule;
} & (
  | { readonly kind: "type"; readonly expected: readonly JsonType[] }
  | { readonly kind: "below"; readonly limit: number }
  | { readonly kind: "above"; readonly limit: number }
  | { readonly kind: "enum"; readonly allowed: readonly string[] }
  | { readonly kind: "pattern"; readonly pattern: RegExp }
  | { readonly kind: "too-long"; readonly limit: number }
  | { readonly kind: "too-few"; readonly limit: number }
  | { readonly kind: "too-many"; readonly limit: number }
);

/** The first field of `body` that breaks one of `rules`, in the order of the rules. */
export function firstFieldProblem(body: unknown, rules: readonly FieldRule[]): FieldProblem | undefined {
  for (const rule of rules) {
    for (const { path, value } of valuesAt(body, rule.path)) {
      const problem = problemOf(value, rule, path);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Every value a rule path reaches. Absent fields reach nothing (optionality is not checked here),
 * nor do `null`s: the three APIs read an explicit `null` as "not set" nearly everywhere.
 */
export function valuesAt(body: unknown, path: string): { path: string; value: unknown }[] {
  let found: { path: string; value: unknown }[] = [{ path: "", value: body }];
  for (const segment of path.split(".")) {
    const each = segment.endsWith("[]");
    const key = each ? segment.slice(0, -2) : segment;
    const next: { path: string; value: unknown }[] = [];
    for (const { path: at, value } of found) {
      if (!isRecord(value) || value[key] === undefined || value[key] === null) continue;
      const child = value[key];
      const childPath = at === "" ? key : `${at}.${key}`;
      if (!each) next.push({ path: childPath, value: child });
      else if (Array.isArray(child)) child.forEach((item: unknown, index) => next.push({ path: `${childPath}[${index}]`, value: item }));
    }
    found = next;
  }
  return found;
}

function problemOf(given: unknown, rule: FieldRule, path: string): FieldProblem | undefined {
  const value = rule.digitStrings && typeof given === "string" && /^-?\d+$/.test(given) ? Number(given) : given;
  const base = { path, value, rule };
  const expected = rule.type === undefined ? [] : typeof rule.type === "string" ? [rule.type] : rule.type;
  if (expected.length > 0 && !expected.some((type) => isType(value, type))) return { ...base, kind: "type", expected };
  if (typeof value === "string") {
    if (rule.enum && !rule.enum.includes(value)) return { ...base, kind: "enum", allowed: rule.enum };
    if (rule.maxLength !== undefined && value.length > rule.maxLength) return { ...base, kind: "too-long", limit: rule.maxLength };
    if (rule.pattern && !rule.pattern.test(value)) return { ...base, kind: "pattern", pattern: rule.pattern };
  }
  if (typeof value === "number") {
    if (rule.min !== undefined && value < rule.min) return { ...base, kind: "below", limit: rule.min };
    if (rule.max !== undefined && value > rule.max) return { ...base, kind: "above", limit: rule.max };
  }
  if (Array.isArray(value)) {
    if (rule.minItems !== undefined && value.length < rule.minItems) return { ...base, kind: "too-few", limit: rule.minItems };
    if (rule.maxItems !== undefined && value.length > rule.maxItems) return { ...base, kind: "too-many", limit: rule.maxItems };
  }
  return undefined;
}

function isType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return typeof value === type;
  }
}

/** The first key of an object that is not in `known`. */
export function unknownKey(value: unknown, known: ReadonlySet<string>): string | undefined {
  return isRecord(value) ? Object.keys(value).find((key) => !known.has(key)) : undefined;
}
