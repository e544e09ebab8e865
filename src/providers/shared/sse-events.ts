import type { SseMessage, SseReader } from "./sse-reader.js";

/** What a decoder returns for the message that ends the events (OpenAI's `data: [DONE]`). */
export const SSE_END = Symbol("sse-end");

/** An SDK's events from SSE messages: the event, `undefined` to skip one (a ping), or {@link SSE_END}; it throws what the SDK's own stream throws. */
export type SseDecoder<Event> = (message: SseMessage) => Event | undefined | typeof SSE_END;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A provider's stream events, decoded from its SSE body as its SDK's own stream decodes them. The
 * body is read to its end after the last event, so that the connection goes back to its pool; an
 * abort ends the events without an error, as it does in the SDKs.
 */
export class SseEvents<Event> implements AsyncIterator<Event> {
  readonly #reader: SseReader;
  readonly #decode: SseDecoder<Event>;
  readonly #signal: AbortSignal | undefined;
  #over = false;

  constructor(reader: SseReader, decode: SseDecoder<Event>, signal: AbortSignal | undefined) {
    this.#reader = reader;
    this.#decode = decode;
    this.#signal = signal;
  }

  async next(): Promise<IteratorResult<Event>> {
    try {
      for (;;) {
        const message = await this.#reader.read();
        if (message === undefined) return DONE;
        if (this.#over) continue;
        const event = this.#decode(message);
        if (event === SSE_END) this.#over = true;
        else if (event !== undefined) return { done: false, value: event };
      }
    } catch (error) {
      if (this.#signal?.aborted === true || (error as { name?: unknown } | null)?.name === "AbortError") {
        await this.#reader.cancel();
        return DONE;
      }
      throw error;
    }
  }

  async return(): Promise<IteratorResult<Event>> {
    await this.#reader.cancel();
    return DONE;
  }
}
