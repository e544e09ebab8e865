import type { IncomingHttpHeaders } from "node:http";
import type { RateLimitExceeded, RateLimitSnapshot } from "./rate-limiter.js";
import type { ConversationView, GeneratedReply } from "./reply-model.js";
import type { EmulatedProvider, ErrorScenario } from "./scenario.js";
import type { SseFrame } from "./sse-writer.js";
import type { ThinkingSigner } from "./thinking-signer.js";

/** A complete JSON answer: status, body and extra headers. */
export interface WireResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP error to write in the provider's shape: a scripted one, or the emulator's own 500. */
export type ErrorSpec = Pick<ErrorScenario, "status" | "code" | "message" | "retryAfterSeconds" | "quotaId"> & {
  readonly requestId: string;
  readonly model: string;
};

/** Facts about the exchange the wire needs when formatting an answer. */
export interface ReplyMeta {
  readonly requestId: string;
  /** Unix seconds. */
  readonly created: number;
  /** The model as requested (the emulator echoes it). */
  readonly model: string;
  /** The request body, for provider options that shape the answer (OpenAI `stream_options`). */
  readonly body: unknown;
  /** Signs the reply's thinking (Anthropic thinking blocks, Gemini thought signatures). */
  readonly signer: ThinkingSigner;
}

/** What the router needs to know of a request before its body is read. */
export interface IncomingFacts {
  readonly headers: IncomingHttpHeaders;
  readonly query: Readonly<Record<string, string>>;
}

/**
 * Everything one provider's wire format decides: auth, validation, reading the request into the
 * neutral view, formatting replies and errors, and its headers. Provider quirks live behind this.
 */
export interface ProviderWire {
  readonly provider: EmulatedProvider;
  /** SSE line ending: `\n` (OpenAI, Anthropic) or `\r\n` (Gemini). */
  readonly sseNewline: "\n" | "\r\n";
  readApiKey(request: IncomingFacts): string | undefined;
  /** The auth failure, if any; `allowed` is the configured key list (any key passes without one). */
  checkAuth(key: string | undefined, allowed: readonly string[] | undefined, requestId: string): WireResponse | undefined;
  invalidJson(detail: string, requestId: string): WireResponse;
  /** The first problem the real API would report (status 400), or `undefined`. */
  validate(body: unknown, request: IncomingFacts & { readonly model: string; readonly signer: ThinkingSigner }, requestId: string): WireResponse | undefined;
  readConversation(body: unknown, model: string): ConversationView;
  formatJson(reply: GeneratedReply, meta: ReplyMeta): unknown;
  formatStream(reply: GeneratedReply, meta: ReplyMeta): SseFrame[];
  error(spec: ErrorSpec): WireResponse;
  /** The provider's error event inside a 200 stream. */
  streamError(code: string | undefined, message: string | undefined): SseFrame;
  rateLimited(exceeded: RateLimitExceeded, meta: { readonly requestId: string; readonly model: string }): WireResponse;
  /** Headers on every answer after auth: request id and rate-limit state. */
  headers(requestId: string, rateLimit: RateLimitSnapshot | undefined): Record<string, string>;
  newRequestId(): string;
}
