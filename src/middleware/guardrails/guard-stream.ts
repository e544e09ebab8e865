import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { MiddlewareContext, StreamNext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { applyInput, newCallRecord, restoreAnswer, withNotes } from "./call-record.js";
import { isResponse } from "./guard-chat.js";
import { DeferredStream } from "../../core/stream/deferred-stream.js";
import { TappedStream } from "../../core/stream/tapped-stream.js";
import type { CallRecord, TextScanner } from "./guard-rules.js";
import { judgeAnswer } from "./judge-answer.js";
import { PlaceholderStream } from "./placeholder-stream.js";
import type { ResolvedGuardrailsOptions } from "./resolve-guardrails-options.js";
import { SideChannels } from "./side-channels.js";

/**
 * A `stream` under the guardrails. The input checks run before anything is sent. Text deltas go
 * through the originals' restore and then each mid-stream check, any of which may hold back the
 * end of the text until the next delta; the other channels are restored. At `finish`, what is held
 * is checked and let through, and the output checks judge the complete answer: a failure is thrown
 * in place of the `finish` event, never a clean short end. No repair: the text has reached the caller.
 *
 * A stream with nothing to restore and no output check (input checks only, the common case) is the
 * inner stream itself, its `finish` given the notes: no layer on the path of every event.
 */
export function guardStream(plan: ResolvedGuardrailsOptions, request: ChatRequest, context: MiddlewareContext, next: StreamNext): AsyncIterable<StreamEvent> {
  return {
    [Symbol.asyncIterator]: () =>
      new DeferredStream(async () => {
        const call = newCallRecord(context);
        const sent = await applyInput(plan.input, request, call);
        if (plan.output.length > 0 || call.vault?.restorable) return { iterator: guarded(plan, sent, call, next)[Symbol.asyncIterator]() };
        const inner = next(sent)[Symbol.asyncIterator]();
        return { iterator: call.notes.length === 0 ? inner : new TappedStream(inner, { event: (event) => (event.type === "finish" ? { type: "finish", response: withNotes(call, event.response, 0) } : event) }) };
      }),
  };
}

async function* guarded(plan: ResolvedGuardrailsOptions, sent: ChatRequest, call: CallRecord, next: StreamNext): AsyncGenerator<StreamEvent> {
  const vault = call.vault?.restorable ? call.vault : undefined;
  const text: TextScanner[] = vault ? [new PlaceholderStream(vault)] : [];
  for (const check of plan.output) {
    const scanner = check.rule.scanner?.();
    if (scanner) text.push(scanner);
  }
  const side = vault ? new SideChannels(vault) : undefined;
  try {
    for await (const event of next(sent)) {
      if (event.type === "text-delta") {
        if (text.length === 0) {
          yield event;
          continue;
        }
        const passed = pushThrough(text, event.text);
        if (passed !== "") yield passed === event.text ? event : { type: "text-delta", text: passed };
      } else if (event.type === "finish") {
        const rest = endThrough(text);
        const held = side?.flush() ?? [];
        const { response, restored } = restoreAnswer(call, event.response);
        const judged = plan.output.length === 0 ? response : await judgeAnswer(plan.output, { response }, sent, call, undefined);
        yield* held;
        if (rest !== "") yield { type: "text-delta", text: rest };
        yield { type: "finish", response: withNotes(call, judged, restored) };
      } else if (side) {
        if (event.type === "tool-call") yield* side.flushTools();
        const restored = side.restore(event);
        if (restored) yield restored;
      } else yield event;
    }
  } catch (error) {
    // Core refused the answer for the request's own responseFormat at its end: jsonOutput()'s failure, thrown as one.
    if (plan.structured && error instanceof StructuredOutputError && isResponse(error.response)) {
      await judgeAnswer(plan.output, { response: restoreAnswer(call, error.response).response, structuredError: error }, sent, call, undefined);
    }
    throw error;
  }
}

/** A delta through each scanner in turn: what the last lets through now. */
function pushThrough(scanners: readonly TextScanner[], delta: string): string {
  let text = delta;
  for (const scanner of scanners) {
    if (text === "") return "";
    text = scanner.push(text);
  }
  return text;
}

/** What every scanner still holds, each one's rest through the ones after it, checked to the end. */
function endThrough(scanners: readonly TextScanner[]): string {
  let text = "";
  for (const scanner of scanners) text = (text === "" ? "" : scanner.push(text)) + scanner.end();
  return text;
}
