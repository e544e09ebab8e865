import type { EmulatedProvider } from "./scenario.js";

/** One request as the emulator saw it. API keys are never kept: only their last characters. */
export interface RecordedRequest {
  /** 1, 2, 3, ... in arrival order (restarts after `reset()`). */
  readonly id: number;
  readonly provider: EmulatedProvider;
  readonly method: string;
  /** URL path without the query, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent`. */
  readonly path: string;
  /** Query parameters; a `key` parameter is `"[redacted]"`. */
  readonly query: Record<string, string>;
  /** Lower-case names; `authorization`, `x-api-key` and `x-goog-api-key` values are `"[redacted]"`. */
  readonly headers: Record<string, string>;
  /** The last 4 characters of the key (at most half of a short key), to tell keys apart. */
  readonly apiKeySuffix?: string;
  /** From the body (OpenAI, Anthropic) or the path (Gemini); `""` when absent. */
  readonly model: string;
  readonly stream: boolean;
  /** The parsed JSON body; the raw text when it was not JSON. */
  readonly body: unknown;
  /** `now()` when the request arrived. */
  readonly receivedAt: number;
  /** The status sent, set when the response starts; unset while hanging. */
  status?: number;
  /** `true` when the client closed the connection before the emulator finished its response. */
  clientClosed: boolean;
  /** `now()` when the client closed it, if it did: how long an abort took to reach the wire. */
  closedAt?: number;
  /** Settles when the response ended or the connection closed. */
  readonly completed: Promise<void>;
}

/** The parts of an incoming request a record is made from, secrets still in. */
export type RequestFacts = Pick<RecordedRequest, "id" | "provider" | "method" | "path" | "model" | "stream" | "body" | "receivedAt"> & {
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly apiKey: string | undefined;
};

const secretHeaders = new Set(["authorization", "x-api-key", "x-goog-api-key"]);
const secretQuery = new Set(["key"]);
const redacted = "[redacted]";

/**
 * Makes the record of a request, with secrets replaced, and the function that settles its
 * `completed` promise.
 */
export function recordRequest(facts: RequestFacts): { record: RecordedRequest; settle: () => void } {
  let settle!: () => void;
  const completed = new Promise<void>((resolve) => (settle = resolve));
  const record: RecordedRequest = {
    id: facts.id,
    provider: facts.provider,
    method: facts.method,
    path: facts.path,
    query: redact(facts.query, secretQuery),
    headers: redact(facts.headers, secretHeaders),
    ...(facts.apiKey ? { apiKeySuffix: keySuffix(facts.apiKey) } : {}),
    model: facts.model,
    stream: facts.stream,
    body: facts.body,
    receivedAt: facts.receivedAt,
    clientClosed: false,
    completed,
  };
  return { record, settle };
}

/** The last 4 characters of a key, but never more than half of it: a short key must not be kept whole. */
export function keySuffix(key: string): string {
  const length = Math.min(4, Math.floor(key.length / 2));
  return length > 0 ? key.slice(-length) : "";
}

function redact(values: Readonly<Record<string, string | string[] | undefined>>, secrets: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[name] = secrets.has(name) ? redacted : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** A record as JSON for other processes (`GET /__emulator/requests`): everything but the promise. */
export function recordToJson({ completed: _completed, ...rest }: RecordedRequest): Omit<RecordedRequest, "completed"> {
  return rest;
}
