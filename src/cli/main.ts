#!/usr/bin/env node
/**
 * The `proxyless` command: reads the command name and its options, and hands them to the command.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chatCommand } from "./chat-command.js";
import { UsageError, type CliCommand, type CliIo } from "./cli-command.js";
import { emulatorCommand } from "./emulator-command.js";

const commands: readonly CliCommand[] = [chatCommand, emulatorCommand];

/** The package's version: package.json is two levels up from both src/cli and dist/cli. */
function version(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

const usage = [
  "Usage: proxyless <command> [options]",
  "",
  "Commands:",
  ...commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`),
  "",
  "Options:",
  "  -h, --help     this text",
  "  -v, --version  the version of proxyless",
  "",
  "Run `proxyless <command> --help` for a command's options.",
  "",
].join("\n");

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage);
    return 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  // Nothing asked: not a success (a script that forgot its command must notice).
  if (name === undefined) {
    io.stderr.write(`proxyless: give a command\n\n${usage}`);
    return 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`proxyless: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: [...rest], options: { ...command.options, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help === true) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs signals bad options with ERR_PARSE_ARGS_* codes.
    const isUsage = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
    io.stderr.write(isUsage ? `proxyless ${name}: ${message}\n\n${command.usage}\n` : `proxyless ${name}: ${message}\n`);
    return isUsage ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2), process);
