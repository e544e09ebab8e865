import { readFile } from "node:fs/promises";
import { delay } from "./delay.js";
import type { Exchange } from "./exchange.js";
import { applyReplyScenario, generateReply } from "./generate-reply.js";
import type { ProviderWire, ReplyMeta } from "./provider-wire.js";
import type { ConversationView, GeneratedReply } from "./reply-model.js";
import type { ReplayScenario, Scenario } from "./scenario.js";
import { looksLikeSse, splitSseEvents, sseHeaders, writePaced, writeSse, type SseFrame, type StreamFault } from "./sse-writer.js";

/** Everything a scenario needs to answer one validated request. */
export interface ServeContext {
  readonly exchange: Exchange;
  readonly wire: ProviderWire;
  readonly view: ConversationView;
  readonly stream: boolean;
  /** Request id and rate-limit headers for every answer. */
  readonly headers: Readonly<Record<string, string>>;
  readonly meta: ReplyMeta;
  readonly replyWords: number;
  readonly chunkDelayMs: number;
  /** Between a JSON reply's headers and its body. */
  readonly bodyDelayMs: number;
  /** The key the request carried, for scenarios that echo it. */
  readonly apiKey: string | undefined;
}

const echoHeader = "x-emulator-echo-key";

/** Answers with a scenario: the emulator's whole repertoire of replies and faults. */
export async function serveScenario(scenario: Scenario, context: ServeContext): Promise<void> {
  const { exchange, wire, meta } = context;
  switch (scenario.type) {
    case "reply":
      return serveReply(context, applyReplyScenario(generateReply(context.view, context.replyWords), scenario), scenario.headers);
    case "replay":
      return serveReplay(context, scenario);
    case "error": {
      const answer = wire.error({ ...scenario, requestId: meta.requestId, model: meta.model });
      const echo = scenario.echoKey ? context.apiKey : undefined;
      const body = echo === undefined ? answer.body : echoInto(answer.body, echo);
      const headers = { ...context.headers, ...answer.headers, ...scenario.headers, ...(echo !== undefined ? { [echoHeader]: echo } : {}) };
      return exchange.sendJson(answer.status, body, headers);
    }
    case "hang":
      return exchange.closed();
    case "reset":
      return exchange.cut();
    case "stream-error":
    case "cut":
    case "malformed": {
      if (!context.stream) return serveBodyFault(scenario.type, context);
      const frames = wire.formatStream(generateReply(context.view, context.replyWords), meta);
      const fault: StreamFault =
        scenario.type === "cut"
          ? { kind: "cut", afterEvents: scenario.afterEvents }
          : {
              kind: "insert",
              afterEvents: scenario.afterEvents,
              frame:
                scenario.type === "stream-error"
                  ? wire.streamError(scenario.code, echoed(scenario.message, scenario.echoKey ? context.apiKey : undefined))
                  : brokenFrame(frames[scenario.afterEvents]),
            };
      const echo: Record<string, string> = scenario.type === "stream-error" && scenario.echoKey && context.apiKey !== undefined ? { [echoHeader]: context.apiKey } : {};
      exchange.start(200, { ...sseHeaders, ...context.headers, ...echo });
      return writeSse(exchange, frames, { newline: wire.sseNewline, delayMs: context.chunkDelayMs, fault });
    }
  }
}

async function serveReply(context: ServeContext, reply: GeneratedReply, extraHeaders: Readonly<Record<string, string>> = {}): Promise<void> {
  const { exchange, wire, meta } = context;
  const headers = { ...context.headers, ...extraHeaders };
  if (!context.stream) {
    if (context.bodyDelayMs <= 0) return exchange.sendJson(200, wire.formatJson(reply, meta), headers);
    const text = JSON.stringify(wire.formatJson(reply, meta));
    exchange.start(200, { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
    exchange.flush();
    await delay(context.bodyDelayMs, exchange.signal);
    await exchange.write(text);
    return exchange.end();
  }
  exchange.start(200, { ...sseHeaders, ...headers });
  await writeSse(exchange, wire.formatStream(reply, meta), { newline: wire.sseNewline, delayMs: context.chunkDelayMs });
}

/** Recorded bytes go out untouched; with a chunk delay, an SSE body is paced event by event. */
async function serveReplay(context: ServeContext, scenario: ReplayScenario): Promise<void> {
  const body = scenario.body ?? (scenario.file !== undefined ? await readFile(scenario.file, "utf8") : undefined);
  if (body === undefined) throw new Error("a replay scenario needs a body or a file");
  const status = scenario.status ?? 200;
  if (!looksLikeSse(body)) {
    return context.exchange.sendText(status, body, { ...context.headers, "content-type": "application/json", ...scenario.headers });
  }
  context.exchange.start(status, { ...context.headers, ...sseHeaders, ...scenario.headers });
  await writePaced(context.exchange, splitSseEvents(body), context.chunkDelayMs);
  context.exchange.end();
}

/**
 * A body fault on a non-streaming request: `cut` sends half the JSON body (announcing all of it)
 * and destroys the socket; `malformed` sends that half as a complete body; `stream-error` has no
 * JSON counterpart, so it is the provider's 500.
 */
async function serveBodyFault(type: "stream-error" | "cut" | "malformed", context: ServeContext): Promise<void> {
  const { exchange, wire, meta } = context;
  if (type === "stream-error") {
    const answer = wire.error({ status: 500, requestId: meta.requestId, model: meta.model });
    return exchange.sendJson(answer.status, answer.body, { ...context.headers, ...answer.headers });
  }
  const text = JSON.stringify(wire.formatJson(generateReply(context.view, context.replyWords), meta));
  const half = text.slice(0, Math.floor(text.length / 2));
  const headers = { ...context.headers, "content-type": "application/json" };
  if (type === "malformed") return exchange.sendText(200, half, headers);
  exchange.start(200, { ...headers, "content-length": String(Buffer.byteLength(text)) });
  await exchange.write(half);
  exchange.cut();
}

/** An error body with the key echoed: after the message, and as `error.echo`. */
function echoInto(body: unknown, key: string): unknown {
  if (typeof body !== "object" || body === null) return body;
  const outer = body as { error?: unknown };
  if (typeof outer.error !== "object" || outer.error === null) return body;
  const error = outer.error as { message?: unknown };
  return { ...outer, error: { ...error, message: echoed(typeof error.message === "string" ? error.message : undefined, key), echo: key } };
}

function echoed(message: string | undefined, key: string | undefined): string | undefined {
  if (key === undefined) return message;
  return `${message ?? "Request failed"} (the key sent was ${key})`;
}

/** The frame that would have come next, cut in half so its data is no longer JSON. */
function brokenFrame(next: SseFrame | undefined): SseFrame {
  if (!next) return { data: '{"incomplete":' };
  return { ...next, data: next.data.slice(0, Math.max(1, Math.floor(next.data.length / 2))) };
}
