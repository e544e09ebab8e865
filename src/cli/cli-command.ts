import type { ParseArgsConfig } from "node:util";

/** Where a command writes; the real process streams, or buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Parsed `--option` values, as `node:util` `parseArgs` returns them. */
export type CliValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** One `proxyless <name>` command: its options for `parseArgs`, its help, and what it does. */
export interface CliCommand {
  readonly name: string;
  /** One line for `proxyless --help`. */
  readonly summary: string;
  /** The command's own `--help` text. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to the process exit code. */
  run(values: CliValues, io: CliIo): Promise<number>;
}

/** Bad arguments: the CLI prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
