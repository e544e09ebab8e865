/** The emulator in a process of its own (bench/emulator-process.ts), and its connection counts. */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ConnectionCounts } from "../dist/testing/index.js";

export interface EmulatorChild {
  readonly url: string;
  /** The emulator's connection counts now, asked over stdin: no connection of its own. */
  connections(): Promise<ConnectionCounts>;
  stop(): void;
}

/** `tls`: files holding the certificate and key to serve HTTPS with. */
export async function startEmulatorProcess(tls?: { readonly certFile: string; readonly keyFile: string }): Promise<EmulatorChild> {
  const script = fileURLToPath(new URL("./emulator-process.ts", import.meta.url));
  const env = tls ? { ...process.env, BENCH_TLS_CERT: tls.certFile, BENCH_TLS_KEY: tls.keyFile } : process.env;
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"], env });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const next = (): Promise<string> => new Promise((resolve) => waiting.push(resolve));
  const first = await Promise.race([next(), new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`))))]);
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    async connections() {
      const answer = next();
      child.stdin.write("connections\n");
      return JSON.parse(await answer) as ConnectionCounts;
    },
    stop: () => child.kill("SIGTERM"),
  };
}
