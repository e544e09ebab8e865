import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url));

/** Runs a TypeScript file of test/helpers in a Node process of its own (through tsx), with pipes. */
export function spawnTsx(helper: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  const file = fileURLToPath(new URL(`./${helper}`, import.meta.url));
  return spawn(process.execPath, ["--import", TSX, file], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
}

/** A helper process that says one JSON line when ready and one more with its results when told to go. */
export interface GoProcess {
  readonly ready: Promise<void>;
  /** Tells it to go; resolves with the JSON line it answers with. */
  go(): Promise<Record<string, unknown>>;
}

/** Starts a helper of test/helpers that speaks the ready/go line protocol; its stderr is shown under `label`. */
export function spawnGoProcess(helper: string, label: string, env: Record<string, string>): GoProcess {
  const child = spawnTsx(helper, env);
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`${label}: ${chunk.toString()}`));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
  const ready = next().then(() => undefined);
  return {
    ready,
    go: () => {
      const answer = next();
      child.stdin.write("go\n");
      return answer;
    },
  };
}
