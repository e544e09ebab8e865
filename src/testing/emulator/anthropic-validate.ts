import type { IncomingHttpHeaders } from "node:http";
import { anthropicInvalid } from "./anthropic-errors.js";
import { outputSchemaViolation } from "./anthropic-output-rules.js";
import { ANTHROPIC_FIELD_RULES, ANTHROPIC_LEGACY_PARAMETERS, ANTHROPIC_MODERN_VERSION, ANTHROPIC_PARAMETERS } from "./anthropic-request-rules.js";
import { firstFieldProblem, unknownKey, type FieldProblem, type JsonType } from "./field-rules.js";
import { isRecord, recordsOf, type JsonObject } from "./json-shape.js";
import type { WireResponse } from "./provider-wire.js";
import type { ThinkingSigner } from "./thinking-signer.js";

/**
 * The checks of `POST /v1/messages`, with Anthropic's own messages: the version header, required
 * fields, extra inputs, the types, ranges and enums of the SDK's request types, roles, empty
 * content, tool_use/tool_result pairing, thinking (its budget, and never with a forced tool
 * choice) and the structured-output schema subset. Sampling parameters are extra inputs from API
 * version 2026-10-21 on, and a `system` turn among the messages is allowed from then.
 *
 * With a `signer`, replayed thinking is checked as the real API checks it: a `thinking` block
 * needs the signature the signer made for its text, and with manual thinking on, the assistant
 * turn a tool result answers must start with a thinking block.
 */
export function validateAnthropicRequest(body: unknown, headers: IncomingHttpHeaders, requestId: string, signer?: ThinkingSigner): WireResponse | undefined {
  const message = firstProblem(body, headers, signer);
  return message === undefined ? undefined : anthropicInvalid(message, requestId);
}

function firstProblem(body: unknown, headers: IncomingHttpHeaders, signer: ThinkingSigner | undefined): string | undefined {
  const version = headers["anthropic-version"];
  if (version === undefined) return "anthropic-version: header is required";
  if (!isRecord(body)) return "Input should be a valid dictionary";
  const modern = String(version) >= ANTHROPIC_MODERN_VERSION;
  const extra = unknownKey(body, modern ? ANTHROPIC_PARAMETERS : ANTHROPIC_LEGACY_PARAMETERS);
  if (extra !== undefined) return `${extra}: Extra inputs are not permitted`;
  if (typeof body.model !== "string") return "model: Field required";
  if (body.max_tokens === undefined) return "max_tokens: Field required";
  const field = firstFieldProblem(body, ANTHROPIC_FIELD_RULES);
  if (field) return fieldMessage(field);
  return (
    validateMessages(body.messages, modern) ??
    (signer ? thinkingProblem(body, signer) : undefined) ??
    validateOptions(body, body.max_tokens as number)
  );
}

const typeNames: Readonly<Record<JsonType, string>> = {
  number: "a valid number",
  integer: "a valid integer",
  string: "a valid string",
  boolean: "a valid boolean",
  array: "a valid list",
  object: "a valid dictionary",
};

/** Pydantic's wording, which the Messages API answers with: `path: Input should be ...`. */
function fieldMessage(problem: FieldProblem): string {
  const at = problem.path.replace(/\[(\d+)\]/g, ".$1");
  switch (problem.kind) {
    case "type":
      return `${at}: Input should be ${problem.expected.map((type) => typeNames[type]).join(" or ")}`;
    case "enum":
      return `${at}: Input should be ${orList(problem.allowed.map((value) => `'${value}'`))}`;
    case "below":
      return `${at}: Input should be greater than or equal to ${problem.limit}`;
    case "above":
      return `${at}: Input should be less than or equal to ${problem.limit}`;
    case "pattern":
      return `${at}: String should match pattern '${problem.pattern.source}'`;
    case "too-long":
      return `${at}: String should have at most ${problem.limit} characters`;
    case "too-few":
      return `${at}: List should have at least ${problem.limit} items after validation, not ${(problem.value as unknown[]).length}`;
    case "too-many":
      return `${at}: List should have at most ${problem.limit} items after validation, not ${(problem.value as unknown[]).length}`;
  }
}

function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1] ?? ""}`;
}

function validateMessages(messages: unknown, modern: boolean): string | undefined {
  if (messages === undefined) return "messages: Field required";
  if (!Array.isArray(messages)) return "messages: Input should be a valid list";
  if (messages.length === 0) return "messages: at least one message is required";
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) return `messages.${index}: Input should be a valid dictionary`;
    if (message.role === "system" && !modern) {
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    if (message.role !== "user" && message.role !== "assistant" && message.role !== "system") {
      return `messages.${index}.role: Input should be 'user', 'assistant' or 'system'`;
    }
    if (message.content === undefined) return `messages.${index}.content: Field required`;
    const empty = message.content === "" || (Array.isArray(message.content) && message.content.length === 0);
    if (empty && !(index === messages.length - 1 && message.role === "assistant")) {
      return `messages.${index}: all messages must have non-empty content except for the optional final assistant message`;
    }
  }
  return validateToolPairing(messages as JsonObject[]);
}

/** Each `tool_use` is answered by a `tool_result` in the very next message, and only then. */
function validateToolPairing(messages: readonly JsonObject[]): string | undefined {
  for (const [index, message] of messages.entries()) {
    const uses = blocksOf(message, "tool_use").map((block) => String(block.id));
    const results = blocksOf(messages[index + 1], "tool_result").map((block) => String(block.tool_use_id));
    const missing = uses.filter((id) => !results.includes(id));
    if (missing.length > 0) {
      return (
        `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. ` +
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message."
      );
    }
    const previousUses = index > 0 ? blocksOf(messages[index - 1], "tool_use").map((block) => String(block.id)) : [];
    const content = Array.isArray(message.content) ? message.content : [];
    for (const [position, block] of content.entries()) {
      if (isRecord(block) && block.type === "tool_result" && !previousUses.includes(String(block.tool_use_id))) {
        return (
          `messages.${index}.content.${position}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. ` +
          "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
        );
      }
    }
  }
  return undefined;
}

function validateOptions(body: JsonObject, maxTokens: number): string | undefined {
  const thinking = body.thinking;
  const choice = isRecord(body.tool_choice) ? body.tool_choice.type : undefined;
  if (isRecord(thinking) && (thinking.type === "enabled" || thinking.type === "adaptive") && (choice === "any" || choice === "tool")) {
    return "Thinking may not be enabled when tool_choice forces tool use.";
  }
  const format = isRecord(body.output_config) && isRecord(body.output_config.format) ? body.output_config.format : undefined;
  const schemaProblem = format && outputSchemaViolation(format.schema);
  if (schemaProblem) return `output_config.format.schema: ${schemaProblem}`;
  if (isRecord(thinking) && thinking.type === "enabled") {
    if (!Number.isInteger(thinking.budget_tokens)) return "thinking.enabled.budget_tokens: Field required";
    // "Must be ≥1024 and less than `max_tokens`."
    if ((thinking.budget_tokens as number) < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
    if ((thinking.budget_tokens as number) >= maxTokens) {
      return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
    }
  }
  return undefined;
}

/**
 * Replayed thinking the real API refuses: a `thinking` block it did not sign (made by another
 * provider, another model or account, or with its text edited), and, with manual thinking on, a
 * tool result answering an assistant turn that does not start with thinking.
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
function thinkingProblem(body: JsonObject, signer: ThinkingSigner): string | undefined {
  const messages = recordsOf(body.messages);
  for (const [index, message] of messages.entries()) {
    if (message.role !== "assistant" || !Array.isArray(message.content)) continue;
    for (const [position, block] of message.content.entries()) {
      if (!isRecord(block) || block.type !== "thinking") continue;
      const at = `messages.${index}.content.${position}`;
      if (typeof block.signature !== "string") return `${at}.thinking.signature: Field required`;
      if (typeof block.thinking !== "string" || !signer.verify(block.thinking, block.signature)) return `${at}: Invalid \`signature\` in \`thinking\` block`;
    }
  }
  const manual = isRecord(body.thinking) && body.thinking.type === "enabled";
  const answered = messages.length - 2;
  const turn = messages[answered];
  if (!manual || turn?.role !== "assistant" || blocksOf(messages.at(-1), "tool_result").length === 0) return undefined;
  const first = recordsOf(turn.content)[0];
  if (first?.type === "thinking" || first?.type === "redacted_thinking") return undefined;
  return (
    `messages.${answered}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${typeof first?.type === "string" ? first.type : "text"}\`. ` +
    "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). " +
    "We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. " +
    "Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
  );
}

function blocksOf(message: JsonObject | undefined, type: string): JsonObject[] {
  return recordsOf(message?.content).filter((block) => block.type === type);
}
