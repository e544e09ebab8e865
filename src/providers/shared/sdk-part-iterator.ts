import type { ProviderStreamPart } from "../../core/types/provider-adapter.js";
import { finishSdkStream, type SdkStreamMapper } from "./finish-sdk-stream.js";

/** What one streamed attempt on an SDK needs: how to open it, map it, and word its errors. */
export interface SdkStreamSource<Event> {
  /** Calls the SDK; resolves once the response's headers are in, with the first part (`response-metadata`). */
  open(): Promise<{ readonly events: AsyncIterator<Event>; readonly first: ProviderStreamPart }>;
  readonly mapper: SdkStreamMapper<Event>;
  readonly provider: string;
  /** The typed error for what the SDK threw; `streaming` once the stream had opened. */
  mapError(error: unknown, streaming: boolean): unknown;
  /** Runs once, however the stream ends: `complete` when it was read to its finish. */
  onEnd?(complete: boolean): void;
}

/**
 * An adapter's stream of parts over an SDK's stream of events, as a hand-written iterator rather
 * than an async generator: it is on the path of every streamed token, and a generator layer costs
 * promise hops of its own per event (about 1 µs each). `return()` (a consumer's break) returns the
 * SDK's iterator, which aborts its request.
 */
export class SdkPartIterator<Event> implements AsyncIterableIterator<ProviderStreamPart> {
  readonly #source: SdkStreamSource<Event>;
  #events: AsyncIterator<Event> | undefined;
  #state: "new" | "streaming" | "done" = "new";
  #queue: readonly ProviderStreamPart[] = [];
  #next = 0;

  constructor(source: SdkStreamSource<Event>) {
    this.#source = source;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ProviderStreamPart>> {
    if (this.#next < this.#queue.length) return { done: false, value: this.#queue[this.#next++] as ProviderStreamPart };
    if (this.#state === "done") return { done: true, value: undefined };
    const source = this.#source;
    try {
      if (this.#state === "new") {
        const opened = await source.open();
        this.#events = opened.events;
        // Returned while it was opening: what opened is closed, nothing more is given.
        if ((this.#state as string) === "done") {
          await opened.events.return?.()?.catch(() => undefined);
          return { done: true, value: undefined };
        }
        this.#state = "streaming";
        return { done: false, value: opened.first };
      }
      const events = this.#events as AsyncIterator<Event>;
      for (;;) {
        const read = await events.next();
        if (read.done === true) {
          const finish = finishSdkStream(source.mapper, source.provider);
          this.#end(true);
          return { done: false, value: finish };
        }
        const parts = source.mapper.map(read.value);
        if (parts.length === 0) continue;
        this.#queue = parts;
        this.#next = 1;
        return { done: false, value: parts[0] as ProviderStreamPart };
      }
    } catch (error) {
      const streaming = this.#state === "streaming";
      this.#end(false);
      // As the SDKs' streams do after an error: the request under it is closed.
      await this.#events?.return?.()?.catch(() => undefined);
      throw await source.mapError(error, streaming);
    }
  }

  async return(): Promise<IteratorResult<ProviderStreamPart>> {
    if (this.#state !== "done") {
      const events = this.#events;
      this.#end(false);
      await events?.return?.()?.catch(() => undefined);
    }
    this.#queue = [];
    return { done: true, value: undefined };
  }

  #end(complete: boolean): void {
    if (this.#state === "done") return;
    this.#state = "done";
    this.#source.onEnd?.(complete);
  }
}
