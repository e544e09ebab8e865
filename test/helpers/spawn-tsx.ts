import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url));

/** Runs a TypeScript file of test/helpers in a Node process of its own (through tsx), with pipes. */
export function spawnTsx(helper: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  const file = fileURLToPath(new URL(`./${helper}`, import.meta.url));
  return spawn(process.execPath, ["--import", TSX, file], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
}
