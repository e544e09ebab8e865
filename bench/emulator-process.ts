/**
 * Runs the emulator in its own process for the benchmark, so the server's work does not share
 * an event loop with the client being measured. Prints one JSON line with its URL.
 */
import { startEmulator } from "../dist/testing/index.js";

const emulator = await startEmulator({ replyWords: Number(process.env.BENCH_REPLY_WORDS ?? 24) });
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
const stop = (): void => void emulator.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
