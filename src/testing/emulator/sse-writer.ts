import { delay } from "./delay.js";
import type { Exchange } from "./exchange.js";

/** One server-sent event: an optional `event:` name and one `data:` line. */
export interface SseFrame {
  readonly event?: string;
  readonly data: string;
}

/** What goes wrong in a stream, after `afterEvents` frames. */
export type StreamFault =
  /** One more frame (an error event, a broken line), then the normal end of the body. */
  | { readonly kind: "insert"; readonly afterEvents: number; readonly frame: SseFrame }
  /** The socket is destroyed. */
  | { readonly kind: "cut"; readonly afterEvents: number };

/** How `writeSse` writes. */
export interface SseOptions {
  readonly newline: "\n" | "\r\n";
  /** Pause between events. */
  readonly delayMs: number;
  readonly fault?: StreamFault;
}

/** Response headers of every stream. */
export const sseHeaders: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
};

/** `event: x\ndata: {...}\n\n`, with the wire's line ending. */
export function encodeFrame(frame: SseFrame, newline: "\n" | "\r\n"): string {
  return `${frame.event !== undefined ? `event: ${frame.event}${newline}` : ""}data: ${frame.data}${newline}${newline}`;
}

/** Writes the frames of a started stream, applies the fault if any, and ends (or cuts) the body. */
export async function writeSse(exchange: Exchange, frames: readonly SseFrame[], { newline, delayMs, fault }: SseOptions): Promise<void> {
  const shown = fault ? frames.slice(0, Math.max(0, fault.afterEvents)) : frames;
  const chunks = shown.map((frame) => encodeFrame(frame, newline));
  if (fault?.kind === "insert") chunks.push(encodeFrame(fault.frame, newline));
  await writePaced(exchange, chunks, delayMs);
  if (fault?.kind === "cut") exchange.cut();
  else exchange.end();
}

/** Writes chunks with a pause between them, stopping early when the connection is gone. */
export async function writePaced(exchange: Exchange, chunks: readonly string[], delayMs: number): Promise<void> {
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0) await delay(delayMs, exchange.signal);
    if (exchange.signal.aborted) return;
    await exchange.write(chunk);
  }
}

/** Recorded SSE bytes split after each blank line; the pieces join back to the exact input. */
export function splitSseEvents(body: string): string[] {
  const events: string[] = [];
  let rest = body;
  while (rest !== "") {
    const separator = /\r\n\r\n|\n\n|\r\r/.exec(rest);
    const end = separator ? separator.index + separator[0].length : rest.length;
    events.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return events;
}

/** Whether recorded bytes are an SSE body rather than JSON. */
export function looksLikeSse(body: string): boolean {
  return /^\s*(event|data):/.test(body);
}
