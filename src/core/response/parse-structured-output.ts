import { StructuredOutputError } from "../errors/structured-output-error.js";
import { formatIssueList } from "../errors/validation-error.js";
import { validateWithSchema } from "../schema/standard-schema.js";
import type { ResponseFormat } from "../types/chat-request.js";
import type { ChatResponse } from "../types/chat-response.js";

/**
 * Parses and validates the structured output of a response that asked for one.
 *
 * There is always an `object` when this returns: a refusal, a content filter, a cut-off or an
 * empty answer throws instead, with the response attached for inspection.
 */
export async function parseStructuredOutput(response: ChatResponse, format: ResponseFormat): Promise<unknown> {
  const { text, finishReason } = response;
  const fail = (message: string, issues?: { path: string; message: string }[]): StructuredOutputError =>
    new StructuredOutputError(message, { text, response, ...(issues ? { issues } : {}) }, { provider: response.provider });

  if (finishReason === "refusal" || finishReason === "content_filter") {
    throw fail(`No structured output: the model stopped with "${finishReason}"${response.refusal ? `: ${response.refusal}` : ""}`);
  }
  if (text.trim() === "") throw fail(`No structured output: the response has no text (finish: ${finishReason})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw fail(
      finishReason === "length"
        ? "Structured output is cut off: the response hit maxTokens before the JSON was complete"
        : "Structured output is not valid JSON",
    );
  }
  if (format.schema === undefined) return value;
  const result = await validateWithSchema(format.schema, value);
  if (!result.ok) {
    throw fail(`Structured output does not match the schema: ${formatIssueList(result.issues)}`, result.issues);
  }
  return result.value;
}
