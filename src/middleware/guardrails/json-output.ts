import { ConfigError } from "../../core/errors/config-error.js";
import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ValidationIssue } from "../../core/errors/validation-error.js";
import { parseStructuredOutput } from "../../core/response/parse-structured-output.js";
import type { ResponseFormat } from "../../core/types/chat-request.js";
import type { SchemaInput } from "../../core/types/schema.js";
import { describeValue } from "../../core/config/known-options.js";
import { checkName, checkOptions } from "./check-options.js";
import type { OutputJudgement, OutputSubject } from "./guard-rules.js";
import type { OutputGuard } from "./guardrails-options.js";
import type { Vault } from "./vault.js";

/** Options of {@link jsonOutput}. */
export interface JsonOutputOptions {
  /**
   * What the answer must match: a zod schema, any Standard Schema (valibot, arktype) or a JSON
   * Schema object, validated as `responseFormat.schema` is. Without one, the answer must only be JSON.
   * @default undefined (any JSON)
   */
  readonly schema?: SchemaInput;
  /** The check's name in errors and in `meta.guardrails`. @default "jsonOutput" */
  readonly name?: string;
}

const KNOWN = ["schema", "name"];

/**
 * An output check that the answer's text is JSON matching a schema. For `chat`, a failing answer
 * gets one repair: the same request again, with the bad answer and a user message naming what was
 * wrong; a repaired answer is noted as `repaired` in `meta.guardrails`, and one that fails again is
 * a `GuardrailError` with the `issues`. The validated value is the response's `object` when it has
 * none. With the request's own `responseFormat`, core's `StructuredOutputError` counts as a failure
 * of this check and is repaired the same way.
 *
 * For a `stream` the text has reached the caller by `finish`: a failing answer is a `GuardrailError`
 * at once, with no repair.
 *
 * @throws ConfigError for a schema that is not an object, or a bad option.
 * @example
 * ```ts
 * guardrails({ output: [jsonOutput({ schema: z.object({ city: z.string(), population: z.number() }) })] });
 * ```
 */
export function jsonOutput(options: JsonOutputOptions = {}): OutputGuard {
  const given = checkOptions("jsonOutput", options, KNOWN);
  const name = checkName("jsonOutput", given.name);
  const schema = given.schema;
  if (schema !== undefined && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    throw new ConfigError(`guardrails: ${name}: schema must be a zod schema, a Standard Schema or a JSON Schema object, got ${describeValue(schema)}`, { path: "schema" });
  }
  const format: ResponseFormat = schema === undefined ? { type: "json" } : { type: "json", schema: schema as SchemaInput };

  async function judge({ response, structuredError, call }: OutputSubject): Promise<OutputJudgement> {
    if (structuredError) return invalid(structuredError, call.vault);
    try {
      const object = await parseStructuredOutput(response, format);
      return { response: response.object === undefined ? { ...response, object } : response };
    } catch (error) {
      if (error instanceof StructuredOutputError) return invalid(error, call.vault);
      throw error;
    }
  }
  return { name, output: { structured: true, judge } };
}

/**
 * A failure as the repair and the error say it: the issues, never the text that failed. The answer
 * was judged with its originals restored, and an issue may quote part of it (a key, a path): each
 * original goes back under its placeholder, so that neither the repair sent to the provider nor the
 * error carries one.
 */
function invalid(error: StructuredOutputError, vault: Vault | undefined): OutputJudgement {
  const hide = (text: string): string => (vault ? vault.conceal(text) : text);
  const issues: readonly ValidationIssue[] = error.issues.map((issue) => ({ ...issue, path: hide(issue.path), message: hide(issue.message) }));
  const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  // The error's message names the failure (not JSON, cut off, no text) and never quotes the text.
  const reason = listed.length > 0 ? `the answer does not match the schema: ${listed.join("; ")}` : lowerFirst(error.message);
  const repairPrompt = [
    listed.length > 0 ? "Your previous answer does not match the required JSON schema:" : `Your previous answer was rejected: ${lowerFirst(error.message)}.`,
    ...listed.map((line) => `- ${line}`),
    "Answer again with only the corrected JSON, and no other text.",
  ].join("\n");
  return { invalid: { reason, issues, repairPrompt } };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
