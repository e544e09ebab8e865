/**
 * The transport's scenarios in `npm run bench`, on the direct `openai` SDK with its defaults next to
 * proxyless (no middleware) on its own transport:
 *
 * - Calls after idle gaps (HTTPS): `calls` rounds `gapMs` apart, both contenders calling once per
 *   round in a random order. Node's `fetch` closes a connection idle for 4 s, so each of its calls
 *   after a longer gap pays a new TCP and TLS handshake; proxyless keeps its connection
 *   (`keepAliveMs`, 30 s) and warms it first (`llm.warmup()`). Target (issue 13): at least 90% fewer
 *   handshakes, and a lower median.
 * - 64 parallel streams: all opened at once, read to their end; rounds alternate, in random order,
 *   with a twin of the SDK contender beside it to show how far two equal contenders drift apart.
 *   Target: no more connections than the SDK, total time no worse (median, within the twins'
 *   spread). Memory per open stream: 64 streams held after their first event, heap and buffers
 *   measured after a GC (`--expose-gc`) against before; the median of five.
 */
import { setTimeout as sleep } from "node:timers/promises";
import OpenAI from "openai";
import type { Client } from "../dist/index.js";
import type { EmulatorChild } from "./emulator-child.js";
import { proxylessClient } from "./contenders.js";
import { summarize } from "./stats.js";

export interface TransportLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const KEY = "sk-bench";
const PROMPT = "Summarise the benefits of an in-process gateway.";

interface Contender {
  readonly name: string;
  chat(): Promise<unknown>;
  /** Opens a stream and reads its first event; `rest()` reads the others. */
  open(): Promise<{ rest(): Promise<void> }>;
}

function sdkContender(url: string): Contender {
  const openai = new OpenAI({ apiKey: KEY, baseURL: `${url}/v1` });
  const messages = [{ role: "user" as const, content: PROMPT }];
  return {
    name: "sdk defaults",
    chat: () => openai.chat.completions.create({ model: "gpt-4o-mini", messages }),
    async open() {
      const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      return { rest: async () => void (await drain(iterator)) };
    },
  };
}

function proxylessContender(llm: Client): Contender {
  const request = { model: "openai/gpt-4o-mini", messages: [{ role: "user" as const, content: PROMPT }] };
  return {
    name: "proxyless",
    chat: () => llm.chat(request),
    async open() {
      const iterator = llm.stream(request)[Symbol.asyncIterator]();
      await iterator.next();
      return { rest: async () => void (await drain(iterator)) };
    },
  };
}

async function drain(iterator: AsyncIterator<unknown>): Promise<void> {
  while (!(await iterator.next()).done);
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

export async function runIdleGapBench(emulator: EmulatorChild, options: { readonly calls: number; readonly gapMs: number }): Promise<TransportLine[]> {
  const llm = proxylessClient(emulator.url, "bare");
  const contenders = [sdkContender(emulator.url), proxylessContender(llm)];
  const handshakes = [0, 0];
  const connections = [0, 0];
  const times: number[][] = [[], []];
  const warmStart = await emulator.connections();
  await llm.warmup({ providers: ["openai"] });
  const warmEnd = await emulator.connections();
  handshakes[1] = warmEnd.tlsHandshakes - warmStart.tlsHandshakes;
  connections[1] = warmEnd.opened - warmStart.opened;
  for (let round = 0; round < options.calls; round++) {
    if (round > 0) await sleep(options.gapMs);
    const first = Math.floor(Math.random() * 2);
    for (const which of [first, 1 - first]) {
      const before = await emulator.connections();
      (times[which] as number[]).push(await timed(() => (contenders[which] as Contender).chat()));
      const after = await emulator.connections();
      handshakes[which] = (handshakes[which] as number) + after.tlsHandshakes - before.tlsHandshakes;
      connections[which] = (connections[which] as number) + after.opened - before.opened;
    }
  }
  await llm.close();
  const [sdk, ours] = times.map((t) => summarize(t));
  const fewer = 1 - (handshakes[1] ?? 0) / Math.max(1, handshakes[0] ?? 0);
  const lines: TransportLine[] = [];
  lines.push({ label: `sdk defaults: median / p99`, value: `${ms(sdk?.median)} / ${ms(sdk?.p99)}; ${handshakes[0]} TLS handshakes, ${connections[0]} connections` });
  lines.push({ label: `proxyless: median / p99`, value: `${ms(ours?.median)} / ${ms(ours?.p99)}; ${handshakes[1]} TLS handshakes, ${connections[1]} connections (warmup included)` });
  lines.push({ label: `handshakes saved (target >= 90%)`, value: `${(fewer * 100).toFixed(0)}%`, ok: fewer >= 0.9 });
  lines.push({ label: `median ratio (target < 1)`, value: ((ours?.median ?? NaN) / (sdk?.median ?? NaN)).toFixed(3), ok: (ours?.median ?? Infinity) < (sdk?.median ?? 0) });
  return lines;
}

export async function runParallelBench(emulator: EmulatorChild, options: { readonly streams: number; readonly rounds: number }): Promise<TransportLine[]> {
  const llm = proxylessClient(emulator.url, "bare");
  // A second, identical SDK client beside the first: how far two equal contenders drift apart here
  // (at 64 streams the emulator's process is the bottleneck, and both wait on it alike).
  const contenders = [sdkContender(emulator.url), sdkContender(emulator.url), proxylessContender(llm)];
  const totals: number[][] = contenders.map(() => []);
  const connections = contenders.map(() => 0);
  const round = async (which: number): Promise<number> => {
    const contender = contenders[which] as Contender;
    const before = await emulator.connections();
    const start = performance.now();
    const open = await Promise.all(Array.from({ length: options.streams }, () => contender.open()));
    await Promise.all(open.map((s) => s.rest()));
    const took = performance.now() - start;
    const after = await emulator.connections();
    connections[which] = (connections[which] as number) + after.opened - before.opened;
    return took;
  };
  // One untimed round each first (its connections are counted: every one either opened).
  for (let which = 0; which < contenders.length; which++) await round(which);
  for (let i = 0; i < options.rounds; i++) {
    const first = Math.floor(Math.random() * contenders.length);
    for (let k = 0; k < contenders.length; k++) {
      const which = (first + k) % contenders.length;
      (totals[which] as number[]).push(await round(which));
    }
  }
  // Memory: each held in turn, several times, the median taken (a GC's timing moves one reading).
  const memory: (number | undefined)[][] = [[], [], []];
  for (let i = 0; i < 5; i++) for (const which of [0, 2]) (memory[which] as (number | undefined)[]).push(await heldMemory(contenders[which] as Contender, options.streams));
  await llm.close();
  const [sdk, twin, ours] = totals.map((t) => summarize(t));
  const noise = Math.abs((twin?.median ?? NaN) / (sdk?.median ?? NaN) - 1);
  const ratio = (ours?.median ?? NaN) / (sdk?.median ?? NaN);
  const lines: TransportLine[] = [];
  lines.push({ label: `sdk defaults: total median / p99`, value: `${ms(sdk?.median)} / ${ms(sdk?.p99)}; ${connections[0]} connections opened; ${kb(median(memory[0]))} per open stream` });
  lines.push({ label: `the same again (a twin, for the noise)`, value: `${ms(twin?.median)} / ${ms(twin?.p99)}; ${(noise * 100).toFixed(1)}% apart` });
  lines.push({ label: `proxyless: total median / p99`, value: `${ms(ours?.median)} / ${ms(ours?.p99)}; ${connections[2]} connections opened; ${kb(median(memory[2]))} per open stream` });
  lines.push({ label: `connections (target: no more)`, value: `${connections[2]} vs ${connections[0]}`, ok: (connections[2] as number) <= (connections[0] as number) });
  lines.push({ label: `total time ratio (target: no worse)`, value: `${ratio.toFixed(3)} (no worse: at most 1 + the twins' ${(noise * 100).toFixed(1)}%)`, ok: ratio <= 1 + noise });
  return lines;
}

function median(values: readonly (number | undefined)[] | undefined): number | undefined {
  const known = (values ?? []).filter((v): v is number => v !== undefined);
  return known.length === 0 ? undefined : summarize(known).median;
}

/** Bytes of heap and buffers per stream held open after its first event, or `undefined` without `--expose-gc`. */
async function heldMemory(contender: Contender, streams: number): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const used = (): number => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const open = await Promise.all(Array.from({ length: streams }, () => contender.open()));
  const held = used();
  await Promise.all(open.map((s) => s.rest()));
  return (held - before) / streams;
}

const ms = (v: number | undefined): string => `${(v ?? NaN).toFixed(2)} ms`;
const kb = (v: number | undefined): string => (v === undefined ? "n/a (run with --expose-gc)" : `${(v / 1024).toFixed(1)} kB`);
