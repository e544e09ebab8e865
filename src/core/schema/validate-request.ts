import { ValidationError, type ValidationIssue } from "../errors/validation-error.js";
import type { ChatRequest } from "../types/chat-request.js";
import type { Message } from "../types/message.js";
import type { SchemaInput } from "../types/schema.js";
import { toValidationIssues } from "./format-issues.js";
import { isPlainRequest } from "./is-plain-request.js";
import { chatRequestSchema } from "./request-schema.js";
import { toJsonSchema } from "./standard-schema.js";

/** Names from the providers' own APIs that mean one of ours though no edit brings them close. */
const REQUEST_SYNONYMS: Readonly<Record<string, string>> = {
  max_completion_tokens: "maxTokens",
  maxcompletiontokens: "maxTokens",
  max_output_tokens: "maxTokens",
  maxoutputtokens: "maxTokens",
  stop_sequences: "stop",
  stopsequences: "stop",
  mime_type: "mediaType",
  mimetype: "mediaType",
  response_schema: "responseFormat",
  responseschema: "responseFormat",
};

/**
 * Checks a request before anything is sent: its shape, then the rules that span fields (tool
 * names, tool results answering earlier calls, convertible schemas).
 *
 * @param middleware the middleware that handed the request on, named in the error; absent for the caller's.
 * @throws ValidationError naming every offending path.
 */
export function validateRequest(request: unknown, middleware?: string): asserts request is ChatRequest {
  if (!isPlainRequest(request)) {
    const parsed = chatRequestSchema.safeParse(request);
    if (!parsed.success) throw invalid(toValidationIssues(parsed.error.issues, "", { schema: chatRequestSchema, input: request, synonyms: REQUEST_SYNONYMS }), middleware);
  }
  // The parsed copy is discarded: the caller's objects (signals, zod schemas, bytes) are used as-is.
  const issues = crossFieldIssues(request as ChatRequest);
  if (issues.length > 0) throw invalid(issues, middleware);
}

function invalid(issues: readonly ValidationIssue[], middleware: string | undefined): ValidationError {
  return middleware === undefined ? new ValidationError(issues) : new ValidationError(issues, { subject: `request from middleware "${middleware}"`, middleware });
}

function crossFieldIssues(req: ChatRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const toolNames = new Set<string>();
  if (req.tools) {
    for (const [i, tool] of req.tools.entries()) {
      if (toolNames.has(tool.name)) issues.push({ path: `tools[${i}].name`, message: `duplicate tool name "${tool.name}"` });
      toolNames.add(tool.name);
      checkSchema(tool.parameters, `tools[${i}].parameters`, issues);
    }
  }
  const choice = req.toolChoice;
  if (choice !== undefined && choice !== "auto" && choice !== "none" && toolNames.size === 0) {
    issues.push({ path: "toolChoice", message: "needs tools" });
  } else if (typeof choice === "object" && !toolNames.has(choice.name)) {
    issues.push({ path: "toolChoice.name", message: `no tool named "${choice.name}" in tools` });
  }
  if (req.responseFormat?.schema !== undefined) checkSchema(req.responseFormat.schema, "responseFormat.schema", issues);

  // Plain loops, and the id set only once there are tool calls: this runs on every call.
  let callIds: Set<string> | undefined;
  let conversational = 0;
  const { messages } = req;
  for (let i = 0; i < messages.length; i++) {
    const msg = messages[i] as Message;
    if (msg.role !== "system") conversational++;
    // An empty assistant turn is allowed: `response.message` of a refusal or a blocked answer has
    // neither text nor tool calls, and adapters whose provider rejects empty turns leave it out.
    if (msg.role === "assistant") {
      if (msg.toolCalls) for (const call of msg.toolCalls) (callIds ??= new Set()).add(call.id);
    } else if (msg.role === "tool" && !callIds?.has(msg.toolCallId)) {
      issues.push({
        path: `messages[${i}].toolCallId`,
        message: `"${msg.toolCallId}" answers no toolCalls[].id of an earlier assistant message`,
      });
    }
  }
  if (conversational === 0) issues.push({ path: "messages", message: "needs at least one non-system message" });
  return issues;
}

function checkSchema(schema: SchemaInput, path: string, issues: ValidationIssue[]): void {
  try {
    toJsonSchema(schema);
  } catch (error) {
    issues.push({ path, message: error instanceof Error ? error.message : String(error) });
  }
}

