import type { IncomingHttpHeaders } from "node:http";
import { isRecord, recordsOf, type JsonObject } from "./json-shape.js";
import { anthropicInvalid } from "./anthropic-errors.js";
import type { WireResponse } from "./provider-wire.js";

/**
 * The checks of `POST /v1/messages` that adapters get wrong most, with Anthropic's own messages:
 * the version header, required fields, roles, empty content, tool_use/tool_result pairing,
 * temperature range and the thinking budget.
 */
export function validateAnthropicRequest(body: unknown, headers: IncomingHttpHeaders, requestId: string): WireResponse | undefined {
  const message = firstProblem(body, headers);
  return message === undefined ? undefined : anthropicInvalid(message, requestId);
}

function firstProblem(body: unknown, headers: IncomingHttpHeaders): string | undefined {
  if (headers["anthropic-version"] === undefined) return "anthropic-version: header is required";
  if (!isRecord(body)) return "Input should be a valid dictionary";
  if (typeof body.model !== "string") return "model: Field required";
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) return "max_tokens: Field required";
  if (!Number.isInteger(maxTokens)) return "max_tokens: Input should be a valid integer";
  if ((maxTokens as number) < 1) return "max_tokens: Input should be greater than or equal to 1";
  return validateMessages(body.messages) ?? validateOptions(body, maxTokens as number);
}

function validateMessages(messages: unknown): string | undefined {
  if (messages === undefined) return "messages: Field required";
  if (!Array.isArray(messages)) return "messages: Input should be a valid list";
  if (messages.length === 0) return "messages: at least one message is required";
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) return `messages.${index}: Input should be a valid dictionary`;
    if (message.role === "system") {
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    if (message.role !== "user" && message.role !== "assistant") return `messages.${index}.role: Input should be 'user' or 'assistant'`;
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
  if (typeof body.temperature === "number" && body.temperature > 1) return "temperature: Input should be less than or equal to 1";
  const thinking = body.thinking;
  if (isRecord(thinking) && thinking.type === "enabled") {
    if (!Number.isInteger(thinking.budget_tokens)) return "thinking.enabled.budget_tokens: Field required";
    if ((thinking.budget_tokens as number) < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
    if ((thinking.budget_tokens as number) >= maxTokens) {
      return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
    }
  }
  return undefined;
}

function blocksOf(message: JsonObject | undefined, type: string): JsonObject[] {
  return recordsOf(message?.content).filter((block) => block.type === type);
}
