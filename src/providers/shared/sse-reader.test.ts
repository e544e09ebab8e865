import { describe, expect, it } from "vitest";
import { SseReader, type SseMessage } from "./sse-reader.js";

function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(reader: SseReader): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for (let m = await reader.read(); m !== undefined; m = await reader.read()) out.push(m);
  return out;
}

describe("SseReader", () => {
  it("reads event and data fields, skipping comments and unknown fields", async () => {
    const reader = new SseReader(body(": ping\n\nevent: message_start\ndata: {\"a\":1}\nid: 7\n\ndata: [DONE]\n\n"));
    expect(await all(reader)).toEqual([
      { event: "message_start", data: '{"a":1}' },
      { event: undefined, data: "[DONE]" },
    ]);
  });

  it("joins several data lines, keeps a value's colons, and takes data without a space after the colon", async () => {
    expect(await all(new SseReader(body("data: one\ndata:two: three\n\n")))).toEqual([{ event: undefined, data: "one\ntwo: three" }]);
  });

  it("reassembles messages and multi-byte characters split anywhere across chunks", async () => {
    const text = 'event: delta\ndata: {"text":"héllo ✓"}\n\n';
    const bytes = new TextEncoder().encode(text + text);
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      });
      expect(await all(new SseReader(stream))).toEqual([
        { event: "delta", data: '{"text":"héllo ✓"}' },
        { event: "delta", data: '{"text":"héllo ✓"}' },
      ]);
    }
  });

  it("takes \\r\\n and \\r line ends, also a \\r\\n split between chunks", async () => {
    expect(await all(new SseReader(body("event: a\r\ndata: 1\r", "\n\r\ndata: 2\r\r")))).toEqual([
      { event: "a", data: "1" },
      { event: undefined, data: "2" },
    ]);
  });

  it("drops a last message that no blank line closed, and one with an empty event name and no data, as the SDKs do", async () => {
    expect(await all(new SseReader(body("data: 1\n\ndata: 2\n")))).toEqual([{ event: undefined, data: "1" }]);
    expect(await all(new SseReader(body("event:\n\ndata: 3\n\n")))).toEqual([{ event: undefined, data: "3" }]);
  });

  it("cancel() cancels the body", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("data: x\n\n")),
      cancel: () => void (cancelled = true),
    });
    const reader = new SseReader(stream);
    expect(await reader.read()).toEqual({ event: undefined, data: "x" });
    await reader.cancel();
    expect(cancelled).toBe(true);
  });
});
