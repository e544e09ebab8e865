import type { RecordedRequest } from "./record-request.js";

/** The three wire APIs the emulator speaks. */
export type EmulatedProvider = "openai" | "anthropic" | "google";

/**
 * The answer the emulator gives instead of its own generated reply. Overrides only what it names:
 * a `reply` with just `usage` keeps the generated text.
 */
export interface ReplyScenario {
  readonly type: "reply";
  /** Exact answer text; served as given (no max-token or stop-sequence cut). */
  readonly text?: string;
  /** Thinking text (Anthropic thinking block, Gemini thought part, OpenAI reasoning token count). */
  readonly reasoning?: string;
  /** Tool calls to answer with; `text` and `toolCalls` together replace the generated content. */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: unknown }[];
  /** @default "tool_calls" with tool calls, else "stop" */
  readonly finish?: "stop" | "length" | "tool_calls" | "content_filter" | "refusal";
  /** Reported token counts; output excludes reasoning, which each wire adds its own way. */
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  /**
   * Extra response headers; they win over the emulator's own (rate-limit headers that say a limit
   * is used up, for example: `{ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "2s" }`).
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Recorded bytes served verbatim: a body that starts with `event:` or `data:` goes out as
 * `text/event-stream` (split at blank lines when `chunkDelayMs` is set), anything else as JSON.
 */
export interface ReplayScenario {
  readonly type: "replay";
  /** The bytes to send. One of `body` and `file` is required. */
  readonly body?: string;
  /** A file read with `node:fs` when the request arrives. */
  readonly file?: string;
  /** @default 200 */
  readonly status?: number;
  /** Extra response headers; they win over the emulator's own. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP error in the provider's own body shape. */
export interface ErrorScenario {
  readonly type: "error";
  readonly status: number;
  /**
   * Provider error code: OpenAI `code` (`insufficient_quota`, `rate_limit_exceeded`, ...),
   * Anthropic `error.type` (`overloaded_error`, ...), Gemini `status` (`RESOURCE_EXHAUSTED`, ...).
   * @default derived from `status`
   */
  readonly code?: string;
  /** @default the provider's usual message for that status */
  readonly message?: string;
  /**
   * Sends `retry-after` (and `retry-after-ms` for OpenAI); Gemini has no such header, so it goes
   * into the body as `RetryInfo.retryDelay`.
   */
  readonly retryAfterSeconds?: number;
  /** Gemini 429 `QuotaFailure` violation `quotaId`, e.g. `GenerateRequestsPerDayPerProjectPerModel-FreeTier`. */
  readonly quotaId?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Echoes the API key the request carried, as a careless server would: at the end of the
   * message, in an `x-emulator-echo-key` header, and as `error.echo` in the body. For testing
   * that no key survives in an error.
   */
  readonly echoKey?: boolean;
}

/** Accepts the request and never answers, until the client goes away or the emulator closes. */
export interface HangScenario {
  readonly type: "hang";
}

/** Destroys the socket once the request is read, before any byte of an answer: the client sees a reset. */
export interface ResetScenario {
  readonly type: "reset";
}

/**
 * Faults in the body, each after `afterEvents` SSE events of the normal answer. On a non-streaming
 * request, `cut` sends the first half of the JSON body and destroys the socket, `malformed` sends
 * that half as the whole body (a clean end, a body that is not JSON), and `stream-error` answers
 * the provider's HTTP 500.
 */
export type StreamFaultScenario =
  /** A provider-shaped error event inside the 200 stream, then the end of the body. */
  | { readonly type: "stream-error"; readonly afterEvents: number; readonly code?: string; readonly message?: string; readonly echoKey?: boolean }
  /** The socket is destroyed: the client sees a connection reset mid-body. */
  | { readonly type: "cut"; readonly afterEvents: number }
  /** A data line that is not JSON, then the end of the body. */
  | { readonly type: "malformed"; readonly afterEvents: number };

/** Per-scenario timing, overriding the emulator-wide {@link EmulatorOptions} values. */
export interface ScenarioTiming {
  /** Delay before the response starts. */
  readonly latencyMs?: number;
  /** Delay between SSE events. */
  readonly chunkDelayMs?: number;
  /**
   * A non-streamed reply: delay between its headers and its body, as a long answer's transfer
   * takes (the headers go out at once, the body after).
   */
  readonly bodyDelayMs?: number;
}

/** What the emulator does with one request. */
export type Scenario = (ReplyScenario | ReplayScenario | ErrorScenario | HangScenario | ResetScenario | StreamFaultScenario) & ScenarioTiming;

/**
 * A scripted answer. Rules are tried in the order they were added and answer the next requests
 * that pass validation and match, `times` times (first in, first out).
 *
 * @example
 * ```ts
 * emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 2 } });
 * emulator.script({ match: (r) => r.model === "claude-haiku-4-5", times: Infinity, respond: { type: "reply", text: "Hi" } });
 * ```
 */
export interface ScriptRule {
  readonly provider?: EmulatedProvider;
  readonly match?: (request: RecordedRequest) => boolean;
  /** How many requests it answers; `Infinity` keeps it forever. @default 1 */
  readonly times?: number;
  readonly respond: Scenario;
}
