import type { z } from "zod";
import { closestName } from "../errors/closest-name.js";
import type { ValidationIssue } from "../errors/validation-error.js";
import { knownKeysAt } from "./known-keys.js";

/** `["messages", 1, "content", 0, "mediaType"]` → `messages[1].content[0].mediaType`. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

interface IssueLike {
  readonly path?: readonly PropertyKey[] | readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
}

/** The schema and the input it was checked against: unknown keys are then answered with the closest known one. */
export interface IssueSource {
  readonly schema: z.ZodType;
  readonly input: unknown;
  /** Lower-case names that mean a known key though no edit brings them close (`max_completion_tokens` → `maxTokens`). */
  readonly synonyms?: Readonly<Record<string, string>>;
}

/**
 * Turns zod / Standard Schema issues into proxyless issues with readable paths. With `source`, an
 * unknown key is an issue of its own at its own path (a top-level one too), saying which key was
 * meant or, when none is close, which keys that object takes.
 */
export function toValidationIssues(issues: readonly IssueLike[], prefix = "", source?: IssueSource): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p));
    if (source && issue.code === "unrecognized_keys" && issue.keys) {
      const known = knownKeysAt(source.schema, source.input, path);
      return issue.keys.map((key) => ({ path: formatPath([...path, key], prefix), message: unknownKeyMessage(key, known, source.synonyms) }));
    }
    return [{ path: formatPath(path, prefix), message: issue.message }];
  });
}

function unknownKeyMessage(key: string, known: readonly string[], synonyms: Readonly<Record<string, string>> | undefined): string {
  const meant = closestName(key, known, synonyms);
  if (meant !== undefined) return `unknown field; did you mean "${meant}"?`;
  return known.length > 0 ? `unknown field; the fields here are ${known.join(", ")}` : "unknown field";
}
