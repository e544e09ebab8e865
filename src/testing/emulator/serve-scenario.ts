import { readFile } from "node:fs/promises";
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
}

/** Answers with a scenario: the emulator's whole repertoire of replies and faults. */
export async function serveScenario(scenario: Scenario, context: ServeContext): Promise<void> {
  const { exchange, wire, meta } = context;
  switch (scenario.type) {
    case "reply":
      return serveReply(context, applyReplyScenario(generateReply(context.view, context.replyWords), scenario));
    case "replay":
      return serveReplay(context, scenario);
    case "error": {
      const answer = wire.error({ ...scenario, requestId: meta.requestId, model: meta.model });
      return exchange.sendJson(answer.status, answer.body, { ...context.headers, ...answer.headers, ...scenario.headers });
    }
    case "hang":
      return exchange.closed();
    case "stream-error":
    case "cut":
    case "malformed": {
      // A JSON body cannot break halfway: a non-streaming request gets the provider's 500 instead.
      if (!context.stream) {
        const answer = wire.error({ status: 500, requestId: meta.requestId, model: meta.model });
        return exchange.sendJson(answer.status, answer.body, { ...context.headers, ...answer.headers });
      }
      const frames = wire.formatStream(generateReply(context.view, context.replyWords), meta);
      const fault: StreamFault =
        scenario.type === "cut"
          ? { kind: "cut", afterEvents: scenario.afterEvents }
          : {
              kind: "insert",
              afterEvents: scenario.afterEvents,
              frame: scenario.type === "stream-error" ? wire.streamError(scenario.code, scenario.message) : brokenFrame(frames[scenario.afterEvents]),
            };
      exchange.start(200, { ...sseHeaders, ...context.headers });
      return writeSse(exchange, frames, { newline: wire.sseNewline, delayMs: context.chunkDelayMs, fault });
    }
  }
}

async function serveReply(context: ServeContext, reply: GeneratedReply): Promise<void> {
  const { exchange, wire, meta } = context;
  if (!context.stream) return exchange.sendJson(200, wire.formatJson(reply, meta), context.headers);
  exchange.start(200, { ...sseHeaders, ...context.headers });
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

/** The frame that would have come next, cut in half so its data is no longer JSON. */
function brokenFrame(next: SseFrame | undefined): SseFrame {
  if (!next) return { data: '{"incomplete":' };
  return { ...next, data: next.data.slice(0, Math.max(1, Math.floor(next.data.length / 2))) };
}
