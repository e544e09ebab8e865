/**
 * A plain-`fetch` client for the emulator's own tests: they check the wire itself, so they do not
 * go through an SDK. Not exported from `proxyless/testing`.
 */

/** Default auth headers that pass each provider's checks. */
export const authHeaders = {
  openai: { authorization: "Bearer sk-test-0001" },
  anthropic: { "x-api-key": "sk-ant-test-0002", "anthropic-version": "2023-06-01" },
  google: { "x-goog-api-key": "AIza-test-0003" },
} as const;

/** An answer read whole: status, headers, the raw text and, when it is JSON, the parsed body. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON; `undefined` for SSE or other text. Typed loosely: tests index into it freely. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary provider JSON
  readonly json: any;
}

/** POSTs a JSON body (or a raw string) and reads the whole answer. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<WireAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseOrUndefined(text) };
}

/** One parsed SSE event. */
export interface ParsedEvent {
  readonly event?: string;
  readonly data: string;
}

/** Splits an SSE body at blank lines (LF or CRLF) into its events. */
export function parseSse(text: string): ParsedEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length);
      const data = lines.find((line) => line.startsWith("data: "))?.slice("data: ".length) ?? "";
      return event === undefined ? { data } : { event, data };
    });
}

/** The JSON data of each SSE event (events whose data is not JSON, like `[DONE]`, are skipped). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see WireAnswer.json
export function sseJson(text: string): any[] {
  return parseSse(text)
    .map((event) => parseOrUndefined(event.data))
    .filter((value) => value !== undefined);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
