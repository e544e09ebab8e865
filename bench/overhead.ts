/**
 * `npm run bench`: proxyless next to the official SDKs, measured side by side in one run against
 * the emulator (in its own process), alternating the contenders call by call so machine noise hits
 * them alike. Reports medians, p99 and ratios of medians. proxyless is measured as users run it:
 * the built JavaScript in `dist/` (the script builds it first).
 *
 * The first table (issue 13), on loopback HTTP and then HTTPS, for each provider, chat and stream:
 * the direct SDK with its defaults, the direct SDK on proxyless's transport, proxyless with no
 * middleware, and proxyless with the full stack (tracing into a recording OpenTelemetry SDK, a
 * cache that misses, rate limits, retry). Targets, loopback HTTP: proxyless chat <= 0.90x the SDK
 * with its defaults, stream time to first token <= 0.95x, the full stack <= 1.05x; the stream
 * (first token and total) within 1.03x of the SDK on the same transport. The HTTPS rows are
 * reported, held to no target. Then the calls after idle gaps and 64 parallel streams
 * (bench/transport.ts).
 *
 * Options: `--iterations N` (default 400), `--warmup N` (default 1000: a service runs for hours,
 * and the first few hundred calls measure V8 compiling more than either contender), `--strict`
 * (exit 1 when a target is missed), `--smoke` (a few iterations, to check it runs), `--only
 * openai,google` (a subset of providers), `--gap-ms N` (default 5500: Node closes an idle connection after 4 to 5 s, its timers ticking once a second) and `--gap-calls N`
 * (default 20) for the idle-gap scenario, `--streams N` (default 64). The cache's figures follow
 * (bench/cache.ts), then the resilience middleware's (bench/resilience.ts), routing's
 * (bench/routing.ts), tracing's (bench/tracing.ts), then cost, budgets and guardrails
 * (bench/spend.ts). `--sections sdk,gaps,parallel,cache,resilience,routing,tracing,spend` runs only
 * those (default: all).
 *
 * The script runs itself again once, with `NODE_EXTRA_CA_CERTS` naming a self-signed certificate
 * it made (the SDKs with their defaults trust it only that way) and with `--expose-gc`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { selfSignedCertificate } from "../dist/testing/index.js";
import { createUndiciTransport } from "../dist/transport/undici-transport.js";
import { runCacheBench } from "./cache.js";
import { runResilienceBench } from "./resilience.js";
import { runRoutingBench } from "./routing.js";
import { runSpendBench } from "./spend.js";
import { runTracingBench } from "./tracing.js";
import { directSdk, proxylessClient, viaProxyless, type Provider, type Run, type Timing } from "./contenders.js";
import { startEmulatorProcess, type EmulatorChild } from "./emulator-child.js";
import { summarize, type Summary } from "./stats.js";
import { runIdleGapBench, runParallelBench } from "./transport.js";

if (process.env.PROXYLESS_BENCH_TLS === undefined) {
  const dir = mkdtempSync(join(tmpdir(), "proxyless-bench-"));
  const { cert, key } = selfSignedCertificate();
  writeFileSync(join(dir, "cert.pem"), cert);
  writeFileSync(join(dir, "key.pem"), key, { mode: 0o600 });
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, PROXYLESS_BENCH_TLS: dir, NODE_EXTRA_CA_CERTS: join(dir, "cert.pem") },
  });
  rmSync(dir, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}
const tlsDir = process.env.PROXYLESS_BENCH_TLS;

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "400" },
    warmup: { type: "string", default: "1000" },
    strict: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    sections: { type: "string" },
    "gap-ms": { type: "string", default: "5500" },
    "gap-calls": { type: "string", default: "20" },
    streams: { type: "string", default: "64" },
  },
});
const iterations = values.smoke ? 10 : Number(values.iterations);
const warmup = values.smoke ? 3 : Number(values.warmup);

interface Row {
  readonly label: string;
  readonly base: Summary;
  readonly ours: Summary;
  /** The ratio of medians to stay under; none: reported only. */
  readonly target?: number;
}

/** Runs the contenders in turn, call by call; returns each one's timings after the warm-up. */
async function measure(...runs: Run[]): Promise<Timing[][]> {
  const timings: Timing[][] = runs.map(() => []);
  for (let i = 0; i < warmup + iterations; i++) {
    // Rotate which goes first, so none always runs on a warmer connection.
    for (let k = 0; k < runs.length; k++) {
      const which = (i + k) % runs.length;
      const timing = await (runs[which] as Run)();
      if (i >= warmup) timings[which]?.push(timing);
    }
  }
  return timings;
}

const total = (ts: Timing[]): Summary => summarize(ts.map((t) => t.totalMs));
const firstToken = (ts: Timing[]): Summary => summarize(ts.flatMap((t) => (t.firstTokenMs !== undefined ? [t.firstTokenMs] : [])));

const fmt = (ms: number): string => ms.toFixed(3).padStart(8);

/** The first table for one scheme: every provider, chat and stream, four contenders. */
async function sdkRows(emulator: EmulatorChild, scheme: "http" | "https", providers: readonly Provider[]): Promise<Row[]> {
  const transport = createUndiciTransport();
  const sdk = directSdk(emulator.url);
  const sdkOnOurs = directSdk(emulator.url, await transport.fetch());
  const bareClient = proxylessClient(emulator.url, "bare");
  const fullClient = proxylessClient(emulator.url, "full");
  const bare = viaProxyless(bareClient);
  const full = viaProxyless(fullClient);
  const held = (target: number): number | undefined => (scheme === "http" ? target : undefined);
  const rows: Row[] = [];
  for (const provider of providers) {
    const [chatSdk = [], chatSame = [], chatBare = [], chatFull = []] = await measure(sdk[provider].chat, sdkOnOurs[provider].chat, bare[provider].chat, full[provider].chat);
    rows.push({ label: `${scheme} ${provider} chat`, base: total(chatSdk), ours: total(chatBare), target: held(0.9) });
    rows.push({ label: `${scheme} ${provider} chat, full stack`, base: total(chatSdk), ours: total(chatFull), target: held(1.05) });
    rows.push({ label: `${scheme} ${provider} chat, same transport`, base: total(chatSame), ours: total(chatBare) });
    const [streamSdk = [], streamSame = [], streamBare = [], streamFull = []] = await measure(sdk[provider].stream, sdkOnOurs[provider].stream, bare[provider].stream, full[provider].stream);
    rows.push({ label: `${scheme} ${provider} stream ttft`, base: firstToken(streamSdk), ours: firstToken(streamBare), target: held(0.95) });
    rows.push({ label: `${scheme} ${provider} stream total`, base: total(streamSdk), ours: total(streamBare) });
    rows.push({ label: `${scheme} ${provider} stream ttft, full stack`, base: firstToken(streamSdk), ours: firstToken(streamFull), target: held(1.05) });
    rows.push({ label: `${scheme} ${provider} stream total, full stack`, base: total(streamSdk), ours: total(streamFull), target: held(1.05) });
    rows.push({ label: `${scheme} ${provider} stream ttft, same transport`, base: firstToken(streamSame), ours: firstToken(streamBare), target: held(1.03) });
    rows.push({ label: `${scheme} ${provider} stream total, same transport`, base: total(streamSame), ours: total(streamBare), target: held(1.03) });
  }
  await Promise.all([transport.close(), bareClient.close(), fullClient.close()]);
  return rows;
}

const plain = await startEmulatorProcess();
const secure = await startEmulatorProcess({ certFile: join(tlsDir, "cert.pem"), keyFile: join(tlsDir, "key.pem") });
const emulator = plain;
try {
  const wanted = (section: string): boolean => !values.sections || values.sections.split(",").includes(section);
  const providers = (["openai", "anthropic", "google"] as Provider[]).filter((p) => !values.only || values.only.split(",").includes(p));
  let missed = 0;
  if (values.smoke) console.log("smoke run: too few calls to measure anything, it only checks that the benchmark runs");
  if (wanted("sdk")) {
    const rows = [...(await sdkRows(plain, "http", providers)), ...(await sdkRows(secure, "https", providers))];
    console.log(`proxyless vs the official SDKs, ${iterations} calls each after ${warmup} warm-up, alternating (ms); "ours" is proxyless with no middleware unless the row says`);
    console.log(`base: the SDK with its defaults, or with "same transport" the SDK on proxyless's transport`);
    console.log(`${"".padEnd(44)}${"base med".padStart(9)}${"base p99".padStart(9)}${"ours med".padStart(9)}${"ours p99".padStart(9)}${"ratio".padStart(8)}${values.smoke ? "" : "  target"}`);
    for (const row of rows) {
      const ratio = row.ours.median / row.base.median;
      const ok = row.target === undefined || ratio <= row.target;
      if (!ok) missed++;
      const verdict = values.smoke || row.target === undefined ? "" : `  ${ok ? "ok" : "MISSED"} (<= ${row.target.toFixed(2)})`;
      console.log(`${row.label.padEnd(44)}${fmt(row.base.median)} ${fmt(row.base.p99)} ${fmt(row.ours.median)} ${fmt(row.ours.p99)} ${ratio.toFixed(3).padStart(7)}${verdict}`);
    }
  }

  const report = (lines: readonly { label: string; value: string; ok?: boolean }[]): void => {
    for (const line of lines) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  };
  if (wanted("gaps")) {
    const gapMs = values.smoke ? 4500 : Number(values["gap-ms"]);
    const calls = values.smoke ? 2 : Number(values["gap-calls"]);
    console.log(`
calls after idle gaps, OpenAI over HTTPS: ${calls} rounds ${gapMs} ms apart, both contenders once a round, in random order`);
    report(await runIdleGapBench(secure, { calls, gapMs }));
  }
  if (wanted("parallel")) {
    const streams = Number(values.streams);
    const rounds = values.smoke ? 2 : 40;
    console.log(`
${streams} parallel streams, OpenAI over loopback HTTP: ${rounds} rounds each, alternating`);
    report(await runParallelBench(plain, { streams, rounds }));
  }

  if (wanted("cache")) {
    console.log(`\nthe cache, in the same run (${iterations} calls each after ${warmup} warm-up, alternating in blocks of 20)`);
    for (const line of await runCacheBench({ url: emulator.url, iterations, warmup })) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  }

  // A server runs these for hours: measured once V8 has compiled them. Over the first few hundred
  // calls the paired difference is about twice what it settles to (compilation on 2 cores).
  const steadyWarmup = values.smoke ? warmup : Math.max(warmup, 1500);
  if (wanted("resilience")) {
    console.log(`\nrate limits, retries and timeouts on the happy path, OpenAI (${iterations} calls each after ${steadyWarmup} warm-up, alternating in random order)`);
    for (const line of await runResilienceBench({ url: emulator.url, iterations, warmup: steadyWarmup })) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  }

  if (wanted("routing")) {
    console.log(`\nrouting on the happy path, a two-provider fallback whose first target answers (${iterations} calls each after ${steadyWarmup} warm-up, alternating in random order)`);
    for (const line of await runRoutingBench({ url: emulator.url, iterations, warmup: steadyWarmup })) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  }

  if (wanted("tracing")) {
    console.log(`\ntracing, no SDK registered and then a recording SDK, OpenAI (${iterations} calls each after ${steadyWarmup} warm-up, alternating in random order)`);
    for (const line of await runTracingBench({ url: emulator.url, iterations, warmup: steadyWarmup })) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  }
  if (wanted("spend")) {
    console.log(`\ncost, a memory budget and guardrails on the happy path, OpenAI (${iterations} calls each after ${steadyWarmup} warm-up, alternating in random order)`);
    for (const line of await runSpendBench({ url: emulator.url, iterations, warmup: steadyWarmup })) {
      if (line.ok === false) missed++;
      const verdict = values.smoke || line.ok === undefined ? "" : `  ${line.ok ? "ok" : "MISSED"}`;
      console.log(`${line.label.padEnd(40)}${line.value}${verdict}`);
    }
  }
  if (values.strict && missed > 0) process.exitCode = 1;
} finally {
  plain.stop();
  secure.stop();
}
