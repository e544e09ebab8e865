import { parseStructuredOutput } from "../../core/response/parse-structured-output.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { CacheInfo, ChatResponse } from "../../core/types/chat-response.js";
import type { AssistantMessage } from "../../core/types/message.js";
import type { StreamEvent } from "../../core/types/stream-event.js";

/**
 * A response as stored: data only. `meta` and `object` are rebuilt on every hit, and so is
 * `message`, from `text` and `toolCalls` (only its `providerMetadata` is kept): a long answer is
 * stored once, not twice. `cost` is left out: a hit costs nothing, and summing the costs of
 * responses must give what was spent.
 */
export type StoredResponse = Omit<ChatResponse, "meta" | "object" | "message" | "cost"> & {
  readonly warnings: ChatResponse["meta"]["warnings"];
  readonly messageMetadata?: AssistantMessage["providerMetadata"];
};

/** One cache entry, as the JSON a store holds. */
export interface CacheEntry {
  readonly v: 1;
  /** `Date.now()` when it was stored: the entry's age on a hit. */
  readonly storedAt: number;
  readonly response: StoredResponse;
  /** The events of a stream before its `finish`, when a stream made the entry. */
  readonly events?: readonly StreamEvent[];
}

/**
 * The entry of a response as JSON text. Only data goes in: the SDK objects of `raw` are written
 * as their JSON, the lazy rate-limit getter and the call's attempts are left out.
 *
 * @param events a stream's events before `finish`, each already JSON: written as they arrived, so
 *   that a caller changing an event it got changes nothing stored.
 * @throws TypeError for a response JSON cannot hold (a `BigInt` or a cycle in `raw`).
 */
export function serializeEntry(response: ChatResponse, events?: readonly string[]): string {
  const { meta, object: _object, message, cost: _cost, ...rest } = response;
  const stored: StoredResponse = { ...rest, warnings: storedWarnings(meta.warnings), ...(message.providerMetadata ? { messageMetadata: message.providerMetadata } : {}) };
  const head = `{"v":1,"storedAt":${Date.now()},"response":${JSON.stringify(stored)}`;
  return events ? `${head},"events":[${events.join(",")}]}` : `${head}}`;
}

/** The warnings a hit repeats: not the one of a missing price, since a hit has no cost to lack. */
function storedWarnings(warnings: ChatResponse["meta"]["warnings"]): ChatResponse["meta"]["warnings"] {
  return warnings.some((w) => w.setting === "cost") ? warnings.filter((w) => w.setting !== "cost") : warnings;
}

/** Whether an entry may be stored: not a failed answer, not a tool call cut off. */
export function isCacheable(response: ChatResponse): boolean {
  return response.finishReason !== "error" && !response.toolCalls.some((call) => call.truncated === true);
}

/** Parses a stored entry; `undefined` for text that is not one (another version, corruption). */
export function parseEntry(text: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry> | null;
    return entry?.v === 1 && typeof entry.response === "object" && typeof entry.storedAt === "number" ? (entry as CacheEntry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every field of a stored response, each one copied by {@link responseOf}: a field added to
 * `ChatResponse` fails to compile here until it is copied there too.
 */
const COPIED: Readonly<Record<keyof StoredResponse, true>> = {
  id: true,
  provider: true,
  model: true,
  text: true,
  reasoning: true,
  refusal: true,
  toolCalls: true,
  finishReason: true,
  rawFinishReason: true,
  usage: true,
  raw: true,
  warnings: true,
  messageMetadata: true,
};
void COPIED;

/**
 * A new response from an entry: a fresh object each time (JSON parsed anew), so a caller may change
 * it freely. `object` is validated anew from the text with the request's schema, so its
 * transforms apply exactly as on the first answer.
 */
export function responseOf(entry: CacheEntry, request: ChatRequest, cache: CacheInfo, cached: boolean): ChatResponse | Promise<ChatResponse> {
  const stored = entry.response;
  const message: { -readonly [K in keyof AssistantMessage]: AssistantMessage[K] } = { role: "assistant", content: stored.text };
  if (stored.toolCalls.length > 0) message.toolCalls = stored.toolCalls;
  if (stored.messageMetadata) message.providerMetadata = stored.messageMetadata;
  // Built by assignment from the entry just parsed (no one else holds it): this is the hit path.
  const response: { -readonly [K in keyof ChatResponse]: ChatResponse[K] } = {
    id: stored.id,
    provider: stored.provider,
    model: stored.model,
    text: stored.text,
    toolCalls: stored.toolCalls,
    finishReason: stored.finishReason,
    rawFinishReason: stored.rawFinishReason,
    usage: stored.usage,
    meta: { cached, attempts: [], latencyMs: 0, warnings: stored.warnings, cache },
    message,
    raw: stored.raw,
  };
  if (stored.reasoning !== undefined) response.reasoning = stored.reasoning;
  if (stored.refusal !== undefined) response.refusal = stored.refusal;
  if (!request.responseFormat) return response;
  return parseStructuredOutput(response, request.responseFormat).then((object) => {
    response.object = object;
    return response;
  });
}

/**
 * The events a stream replays from an entry: the ones recorded, or, for an entry a chat made,
 * the ones the same answer streams as (reasoning, text, refusal, each tool call), then `finish`.
 */
export function eventsOf(entry: CacheEntry, response: ChatResponse): StreamEvent[] {
  const finish: StreamEvent = { type: "finish", response };
  if (entry.events) return [...entry.events, finish];
  const events: StreamEvent[] = [];
  if (response.reasoning) events.push({ type: "reasoning-delta", text: response.reasoning });
  if (response.text) events.push({ type: "text-delta", text: response.text });
  if (response.refusal) events.push({ type: "refusal-delta", text: response.refusal });
  response.toolCalls.forEach((toolCall, index) => {
    events.push({ type: "tool-call-delta", index, id: toolCall.id, name: toolCall.name, argumentsDelta: toolCall.argumentsText });
    events.push({ type: "tool-call", toolCall });
  });
  events.push(finish);
  return events;
}
