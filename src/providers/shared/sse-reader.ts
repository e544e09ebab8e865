/** One server-sent event: its `event` field, if any, and its `data` lines joined with `\n`. */
export interface SseMessage {
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * Server-sent events from a response body, message by message, as the SSE standard parses them
 * (`event:` and `data:` fields, `:` comments, `\n`, `\r\n` or `\r` line ends, several data lines
 * joined). One string buffer, split where a blank line ends a message: the SDKs' own parsers copy
 * the bytes into a new array on every chunk and run three generators per event.
 */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = "";
  #messages: SseMessage[] = [];
  #next = 0;
  #ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  /** The next message; `undefined` once the body has ended. */
  async read(): Promise<SseMessage | undefined> {
    for (;;) {
      if (this.#next < this.#messages.length) return this.#messages[this.#next++];
      if (this.#ended) return undefined;
      const chunk = await this.#reader.read();
      this.#messages = [];
      this.#next = 0;
      if (chunk.done) {
        this.#ended = true;
        this.#take(this.#decoder.decode(), true);
      } else {
        this.#take(this.#decoder.decode(chunk.value, { stream: true }), false);
      }
    }
  }

  /** Stops reading: the body is cancelled, which closes the request under it. */
  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
  }

  #take(text: string, final: boolean): void {
    let buffer = this.#buffer + text;
    if (buffer.includes("\r")) {
      // A `\r` at the very end may be the first half of a `\r\n` still to come.
      const held = !final && buffer.endsWith("\r") ? "\r" : "";
      buffer = (held ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, "\n") + held;
    }
    let start = 0;
    for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n", start)) {
      this.#add(buffer, start, end);
      start = end + 2;
    }
    // At the end, what no blank line closed is dropped, as the standard and the SDKs drop it: a
    // body cut after a complete `data:` line must not pass for a finished event.
    this.#buffer = final ? "" : start === 0 ? buffer : buffer.slice(start);
  }

  #add(text: string, start: number, end: number): void {
    let event: string | undefined;
    let data: string | undefined;
    for (let at = start; at < end; ) {
      let lineEnd = text.indexOf("\n", at);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      if (lineEnd > at && text.charCodeAt(at) !== 58 /* ":" comment */) {
        const colon = text.indexOf(":", at);
        const hasValue = colon !== -1 && colon < lineEnd;
        const field = text.slice(at, hasValue ? colon : lineEnd);
        const from = hasValue ? (text.charCodeAt(colon + 1) === 32 /* " " */ ? colon + 2 : colon + 1) : lineEnd;
        const value = text.slice(from, lineEnd);
        if (field === "data") data = data === undefined ? value : `${data}\n${value}`;
        else if (field === "event") event = value;
      }
      at = lineEnd + 1;
    }
    // As the SDKs: a message with no data and an empty (or no) event name is none.
    if (data !== undefined || event) this.#messages.push({ event, data: data ?? "" });
  }
}
