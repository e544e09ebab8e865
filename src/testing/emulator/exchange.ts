import type { ServerResponse } from "node:http";
import type { RecordedRequest } from "./record-request.js";

/**
 * One request's response side: writes keep the record's `status` up to date, and the end of the
 * connection is told apart as the client leaving early (`clientClosed`) or the emulator ending it
 * on purpose (a `cut` scenario, `close()`).
 */
export class Exchange {
  readonly #response: ServerResponse;
  readonly #record: { status?: number; clientClosed: boolean; closedAt?: number };
  readonly #controller = new AbortController();
  readonly #closed: Promise<void>;
  #endedByServer = false;

  /**
   * @param isShuttingDown whether the emulator is closing, so sockets it destroys are not blamed on the client.
   * @param settle called once the response ended or the connection closed.
   * @param now the emulator's clock, for `closedAt`.
   */
  constructor(response: ServerResponse, record: RecordedRequest | undefined, isShuttingDown: () => boolean, settle: () => void, now: () => number = Date.now) {
    this.#response = response;
    this.#record = record ?? { clientClosed: false };
    this.#closed = new Promise((resolve) => this.#controller.signal.addEventListener("abort", () => resolve(), { once: true }));
    response.once("finish", settle);
    response.once("close", () => {
      if (!response.writableEnded && !this.#endedByServer && !isShuttingDown()) {
        this.#record.clientClosed = true;
        this.#record.closedAt = now();
      }
      this.#controller.abort();
      settle();
    });
  }

  /** Aborts when the connection is gone, whoever closed it. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Sends a whole JSON answer. */
  sendJson(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    this.sendText(status, JSON.stringify(body), { "content-type": "application/json", ...headers });
  }

  /** Sends a whole body with its headers (a `content-type` among them). */
  sendText(status: number, text: string, headers: Readonly<Record<string, string>>): void {
    if (this.signal.aborted) return;
    this.start(status, { ...headers, "content-length": String(Buffer.byteLength(text)) });
    this.#response.end(text);
  }

  /** Sends the status line and headers of a body that follows in `write` calls. */
  start(status: number, headers: Readonly<Record<string, string>>): void {
    if (this.signal.aborted) return;
    this.#record.status = status;
    this.#response.writeHead(status, headers);
  }

  /** Sends the headers written by `start` now, before any body. */
  flush(): void {
    if (!this.signal.aborted) this.#response.flushHeaders();
  }

  /** Resolves once the chunk is handed to the socket, so a later `cut` cannot drop it. */
  write(chunk: string): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.#response.write(chunk, () => resolve())), this.#closed]);
  }

  /** Ends a body started with `start`. */
  end(): void {
    if (!this.signal.aborted) this.#response.end();
  }

  /**
   * The emulator's own failure (a bug, a replay file that is missing): a 500 naming it if nothing
   * was sent yet, else the connection is cut.
   */
  fail(error: unknown): void {
    if (this.#response.headersSent) return this.cut();
    const message = error instanceof Error ? error.message : String(error);
    this.sendJson(500, { error: { message: `proxyless emulator: ${message}`, type: "emulator_error" } });
  }

  /** Destroys the socket mid-body: the client sees a broken connection. */
  cut(): void {
    this.#endedByServer = true;
    this.#response.destroy();
  }

  /** Resolves when the connection is gone (a hanging scenario waits on this). */
  closed(): Promise<void> {
    return this.#closed;
  }
}
