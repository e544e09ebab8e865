/**
 * Runs the emulator in its own process for the benchmark, so the server's work does not share
 * an event loop with the client being measured. Prints one JSON line with its URL; serves HTTPS
 * with the certificate and key in the files `BENCH_TLS_CERT` and `BENCH_TLS_KEY` when both are
 * set. A line `connections` on stdin is answered with a JSON line of its connection counts, so
 * that counting opens no connection of its own.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { startEmulator } from "../dist/testing/index.js";

const certFile = process.env.BENCH_TLS_CERT;
const keyFile = process.env.BENCH_TLS_KEY;
const https = certFile && keyFile ? { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") } : undefined;
// Limits far above any benchmark's rate: the headers' remaining counts never reach the point where
// the full stack's rateLimit() would wait for them (the default 10,000 a minute is reached here).
const unlimited = { requestsPerMinute: 1e9, tokensPerMinute: 1e12 };
const rateLimits = { openai: unlimited, anthropic: unlimited, google: unlimited };
const emulator = await startEmulator({ replyWords: Number(process.env.BENCH_REPLY_WORDS ?? 24), rateLimits, ...(https ? { https } : {}) });
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
const stop = (): void => void emulator.close().then(() => process.exit(0));
createInterface({ input: process.stdin })
  .on("line", (line) => {
    if (line.trim() === "connections") process.stdout.write(`${JSON.stringify(emulator.connections)}\n`);
  })
  .on("close", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
