import { StructuredOutputError } from "../../core/errors/structured-output-error.js";
import type { ChatRequest } from "../../core/types/chat-request.js";
import type { ChatResponse } from "../../core/types/chat-response.js";
import type { MiddlewareContext, StreamNext } from "../../core/types/middleware.js";
import type { StreamEvent } from "../../core/types/stream-event.js";
import { applyInput, newCallRecord, restoreAnswer, withNotes } from "./call-record.js";
import { isResponse } from "./guard-chat.js";
import { DeferredStream } from "../../core/stream/deferred-stream.js";
import { tapStream } from "../../core/stream/stream-taps.js";
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
        if (plan.output.length > 0 || call.vault?.restorable) return { iterator: new GuardedStream(plan, sent, call, next(sent)[Symbol.asyncIterator]()) };
        const inner = next(sent)[Symbol.asyncIterator]();
        return { iterator: call.notes.length === 0 ? inner : tapStream(inner, { event: (event) => (event.type === "finish" ? { type: "finish", response: withNotes(call, event.response, 0) } : event) }) };
      }),
  };
}

const DONE: IteratorResult<StreamEvent> = Object.freeze({ done: true, value: undefined });

/**
 * The stream with its text scanned and restored and its answer judged. Hand-written rather than
 * an async generator: it sits on the path of every event, where a generator layer adds promise
 * hops; here a delta costs the one `then` it takes to see it.
 */
class GuardedStream implements AsyncIterator<StreamEvent> {
  readonly #plan: ResolvedGuardrailsOptions;
  readonly #sent: ChatRequest;
  readonly #call: CallRecord;
  readonly #inner: AsyncIterator<StreamEvent>;
  readonly #text: TextScanner[];
  readonly #side: SideChannels | undefined;
  /** Events made ready beside the one being answered (held channels, the held text, `finish`). */
  #queue: StreamEvent[] = [];
  #done = false;

  constructor(plan: ResolvedGuardrailsOptions, sent: ChatRequest, call: CallRecord, inner: AsyncIterator<StreamEvent>) {
    this.#plan = plan;
    this.#sent = sent;
    this.#call = call;
    this.#inner = inner;
    const vault = call.vault?.restorable ? call.vault : undefined;
    this.#text = vault ? [new PlaceholderStream(vault)] : [];
    for (const check of plan.output) {
      const scanner = check.rule.scanner?.();
      if (scanner) this.#text.push(scanner);
    }
    this.#side = vault ? new SideChannels(vault) : undefined;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ done: false, value: queued });
    if (this.#done) return Promise.resolve(DONE);
    return this.#inner.next().then(this.#onStep, this.#onError);
  }

  async return(): Promise<IteratorResult<StreamEvent>> {
    this.#queue = [];
    if (this.#done) return DONE;
    this.#done = true;
    await this.#inner.return?.();
    return DONE;
  }

  readonly #onStep = (step: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> | Promise<IteratorResult<StreamEvent>> => {
    if (step.done) {
      this.#done = true;
      return step;
    }
    const event = step.value;
    try {
      if (event.type === "text-delta") {
        if (this.#text.length === 0) return step;
        const passed = pushThrough(this.#text, event.text);
        if (passed === "") return this.next();
        return passed === event.text ? step : { done: false, value: { type: "text-delta", text: passed } };
      }
      if (event.type === "finish") return this.#finish(event.response).catch(this.#fail);
      const side = this.#side;
      if (!side) return step;
      if (event.type === "tool-call") this.#queue.push(...side.flushTools());
      const restored = side.restore(event);
      if (restored) this.#queue.push(restored);
      return this.next();
    } catch (error) {
      return this.#fail(error);
    }
  };

  /** A check refused (mid-stream or at the end): the stream it cut short is closed, and the consumer gets the error. */
  readonly #fail = (error: unknown): never => {
    this.#done = true;
    this.#queue = [];
    void Promise.resolve(this.#inner.return?.()).catch(() => undefined);
    throw error;
  };

  readonly #onError = async (error: unknown): Promise<never> => {
    this.#done = true;
    // Core refused the answer for the request's own responseFormat at its end: jsonOutput()'s failure, thrown as one.
    if (this.#plan.structured && error instanceof StructuredOutputError && isResponse(error.response)) {
      await judgeAnswer(this.#plan.output, { response: restoreAnswer(this.#call, error.response).response, structuredError: error }, this.#sent, this.#call, undefined);
    }
    throw error;
  };

  async #finish(answer: ChatResponse): Promise<IteratorResult<StreamEvent>> {
    const rest = endThrough(this.#text);
    const held = this.#side?.flush() ?? [];
    const { response, restored } = restoreAnswer(this.#call, answer);
    const judged = this.#plan.output.length === 0 ? response : await judgeAnswer(this.#plan.output, { response }, this.#sent, this.#call, undefined);
    this.#done = true;
    // Nothing follows `finish`: the stream inside is ended now, so that what waits for its end (a budget settling) sees it.
    await this.#inner.return?.();
    this.#queue = [...held, ...(rest !== "" ? [{ type: "text-delta" as const, text: rest }] : []), { type: "finish", response: withNotes(this.#call, judged, restored) }];
    return { done: false, value: this.#queue.shift() as StreamEvent };
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
