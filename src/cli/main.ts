#!/usr/bin/env node
/**
 * The `proxyless` command: reads the command name and its options, and hands them to the command.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError, type CliCommand, type CliIo } from "./cli-command.js";
import { emulatorCommand } from "./emulator-command.js";

const commands: readonly CliCommand[] = [emulatorCommand];

const usage = [
  "Usage: proxyless <command> [options]",
  "",
  "Commands:",
  ...commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`),
  "",
  "Run `proxyless <command> --help` for a command's options.",
  "",
].join("\n");

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage);
    return 0;
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
