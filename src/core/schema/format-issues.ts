import type { ValidationIssue } from "../errors/validation-error.js";

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
}

/** Turns zod / Standard Schema issues into proxyless issues with readable paths. */
export function toValidationIssues(issues: readonly IssueLike[], prefix = ""): ValidationIssue[] {
  return issues.map((issue) => ({
    path: formatPath(
      (issue.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p)),
      prefix,
    ),
    message: issue.message,
  }));
}
