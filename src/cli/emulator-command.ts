import { startEmulator } from "../testing/emulator/start-emulator.js";
import type { Emulator } from "../testing/emulator/emulator-options.js";
import { UsageError, type CliCommand, type CliIo, type CliValues } from "./cli-command.js";

/** A fixed default so a demo and a shell can agree on the address without being told. */
const defaultPort = 4010;

/**
 * `proxyless emulator`: runs the provider emulator in the foreground until SIGINT or SIGTERM,
 * for demos, manual tests and other processes (which can drive it through `/__emulator/*`).
 */
export const emulatorCommand: CliCommand = {
  name: "emulator",
  summary: "run the OpenAI / Anthropic / Gemini API emulator on loopback",
  usage: [
    "Usage: proxyless emulator [--port N] [--host H] [--latency-ms N] [--chunk-delay-ms N]",
    "",
    "Serves the OpenAI, Anthropic and Gemini wire APIs for offline use; any API key is accepted.",
    "",
    `  --port N            port to listen on, 0 for any free one (default ${defaultPort})`,
    "  --host H            interface to bind (default 127.0.0.1)",
    "  --latency-ms N      delay before every response (default 0)",
    "  --chunk-delay-ms N  delay between streamed events (default 0)",
  ].join("\n"),
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "latency-ms": { type: "string" },
    "chunk-delay-ms": { type: "string" },
  },

  async run(values: CliValues, io: CliIo): Promise<number> {
    const port = count(values, "port") ?? defaultPort;
    const host = typeof values.host === "string" ? values.host : "127.0.0.1";
    let emulator: Emulator;
    try {
      emulator = await startEmulator({ port, host, latencyMs: count(values, "latency-ms") ?? 0, chunkDelayMs: count(values, "chunk-delay-ms") ?? 0 });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EADDRINUSE") throw error;
      throw new Error(`port ${port} on ${host} is in use (another emulator?): stop what holds it, or pick another with --port N (--port 0 takes any free one)`, { cause: error });
    }
    io.stdout.write(banner(emulator));
    await stopSignal();
    await emulator.close();
    io.stdout.write("proxyless emulator stopped\n");
    return 0;
  },
};

/** A whole number option, `undefined` when not given. */
function count(values: CliValues, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || !Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number, got ${String(raw)}`);
  return value;
}

function banner(emulator: Emulator): string {
  const { openai, anthropic, google } = emulator.baseURLs;
  return [
    `proxyless emulator listening on ${emulator.url}`,
    "",
    `  OpenAI     ${openai}`,
    `  Anthropic  ${anthropic}`,
    `  Gemini     ${google}`,
    "",
    "Point the official SDKs at it (any API key is accepted):",
    `OPENAI_BASE_URL=${openai}`,
    `ANTHROPIC_BASE_URL=${anthropic}`,
    `GOOGLE_GEMINI_BASE_URL=${google}`,
    "",
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
