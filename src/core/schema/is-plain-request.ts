import { SCHEMA_NAME, TOOL_NAME } from "./name-rules.js";

/**
 * A fast check that a request is valid, for the shapes nearly every call has: text messages, tool
 * calls and results, tools, the numeric knobs. It runs on the hot path of every call, where the
 * full zod schema costs more than everything else proxyless does around a request.
 *
 * It may only say `true` for requests the schema accepts: when anything is unusual (images,
 * files, reasoning, cache options, or any doubt) it says `false` and the zod schema decides, and
 * names what is wrong. A property test holds the two together (`is-plain-request.test.ts`).
 */
export function isPlainRequest(req: unknown): boolean {
  if (!isObject(req)) return false;
  for (const key in req) {
    const value = req[key];
    if (value === undefined) continue;
    switch (key) {
      case "model":
        if (typeof value !== "string" || value === "") return false;
        break;
      case "messages":
        if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainMessage)) return false;
        break;
      case "tools":
        if (!Array.isArray(value) || !value.every(isPlainTool)) return false;
        break;
      case "toolChoice":
        if (!(value === "auto" || value === "none" || value === "required" || (isObject(value) && onlyKeys(value, NAME_KEYS) && isNonEmptyString(value.name)))) return false;
        break;
      case "responseFormat":
        if (!isObject(value) || !onlyKeys(value, FORMAT_KEYS) || value.type !== "json") return false;
        if (value.schema !== undefined && !isSchemaInput(value.schema)) return false;
        if (value.name !== undefined && !(typeof value.name === "string" && SCHEMA_NAME.test(value.name))) return false;
        break;
      case "maxTokens":
      case "timeoutMs":
        if (!Number.isSafeInteger(value) || (value as number) <= 0) return false;
        break;
      case "seed":
        if (!Number.isSafeInteger(value)) return false;
        break;
      case "temperature":
        if (typeof value !== "number" || !(value >= 0 && value <= 2)) return false;
        break;
      case "topP":
        if (typeof value !== "number" || !(value > 0 && value <= 1)) return false;
        break;
      case "stop":
        if (!(isNonEmptyString(value) || (Array.isArray(value) && value.every(isNonEmptyString)))) return false;
        break;
      case "metadata":
        if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === "string")) return false;
        break;
      case "providerOptions":
        if (!isRecordOfRecords(value)) return false;
        break;
      case "signal":
        if (!(value instanceof AbortSignal)) return false;
        break;
      default:
        // reasoning, cache and unknown keys: the schema's job.
        return false;
    }
  }
  return typeof req.model === "string" && Array.isArray(req.messages);
}

const NAME_KEYS = new Set(["name"]);
const FORMAT_KEYS = new Set(["type", "schema", "name"]);
const TOOL_KEYS = new Set(["name", "description", "parameters"]);
const TEXT_PART_KEYS = new Set(["type", "text"]);
const SYSTEM_KEYS = new Set(["role", "content"]);
const ASSISTANT_KEYS = new Set(["role", "content", "toolCalls", "providerMetadata"]);
const TOOL_MESSAGE_KEYS = new Set(["role", "toolCallId", "content", "isError"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isRecordOfRecords(value: unknown): boolean {
  return isPlainObject(value) && Object.values(value).every(isPlainObject);
}

function isSchemaInput(value: unknown): boolean {
  return isObject(value) && ("~standard" in value || Object.getPrototypeOf(value) === Object.prototype);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function isTextPart(part: unknown): boolean {
  return isObject(part) && part.type === "text" && typeof part.text === "string" && onlyKeys(part, TEXT_PART_KEYS);
}

function isTextContent(content: unknown): boolean {
  return typeof content === "string" || (Array.isArray(content) && content.every(isTextPart));
}

function isPlainMessage(msg: unknown): boolean {
  if (!isObject(msg)) return false;
  switch (msg.role) {
    case "system":
      return onlyKeys(msg, SYSTEM_KEYS) && isTextContent(msg.content);
    case "user":
      // Only text: images and files (URLs, bytes, media types) are checked by the schema.
      return onlyKeys(msg, SYSTEM_KEYS) && (typeof msg.content === "string" || (Array.isArray(msg.content) && msg.content.length > 0 && msg.content.every(isTextPart)));
    case "assistant":
      return (
        onlyKeys(msg, ASSISTANT_KEYS) &&
        (msg.content === undefined || msg.content === null || isTextContent(msg.content)) &&
        (msg.toolCalls === undefined || (Array.isArray(msg.toolCalls) && msg.toolCalls.every(isPlainToolCall))) &&
        (msg.providerMetadata === undefined || isRecordOfRecords(msg.providerMetadata))
      );
    case "tool":
      return (
        onlyKeys(msg, TOOL_MESSAGE_KEYS) &&
        isNonEmptyString(msg.toolCallId) &&
        isTextContent(msg.content) &&
        (msg.isError === undefined || typeof msg.isError === "boolean")
      );
    default:
      return false;
  }
}

/** Tool calls, like the schema's loose object, may carry more keys (a response's `truncated`). */
function isPlainToolCall(call: unknown): boolean {
  return (
    isObject(call) &&
    isNonEmptyString(call.id) &&
    isNonEmptyString(call.name) &&
    (call.argumentsText === undefined || typeof call.argumentsText === "string") &&
    (call.providerMetadata === undefined || isRecordOfRecords(call.providerMetadata))
  );
}

function isPlainTool(tool: unknown): boolean {
  if (!isObject(tool) || !onlyKeys(tool, TOOL_KEYS)) return false;
  if (typeof tool.name !== "string" || !TOOL_NAME.test(tool.name)) return false;
  if (tool.description !== undefined && typeof tool.description !== "string") return false;
  return isSchemaInput(tool.parameters);
}
