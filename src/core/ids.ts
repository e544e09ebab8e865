/**
 * Cheap unique ids for calls and synthesised tool calls. `crypto.randomUUID()` costs tens of
 * microseconds on a busy event loop (it refills an entropy pool), which is most of proxyless's
 * per-call overhead; a random per-process prefix plus a counter is unique enough and costs nothing.
 */
const prefix = Array.from(globalThis.crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(16).padStart(8, "0")).join("");
let counter = 0;

/** 24 hex characters: 16 random per process, 8 counting. */
export function nextId(): string {
  counter = (counter + 1) >>> 0;
  return prefix + counter.toString(16).padStart(8, "0");
}
