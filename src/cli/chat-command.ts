import { createInterface } from "node:readline";
import { loadConfig } from "../config/load-config.js";
import type { ClientConfig } from "../core/config/client-config.js";
import type { Message } from "../core/types/message.js";
import { createClient } from "../index.js";
import { startEmulator } from "../testing/emulator/start-emulator.js";
import type { Emulator } from "../testing/emulator/emulator-options.js";
import type { CliCommand, CliIo, CliValues } from "./cli-command.js";

const DEFAULT_MODEL = "openai/gpt-4o-mini";
/** Where each provider's key is read from, and the model chat starts on when only that key is set. With none set and no config, chat runs on the emulator. */
const KEYS: readonly (readonly [variable: string, model: string])[] = [
  ["OPENAI_API_KEY", DEFAULT_MODEL],
  ["ANTHROPIC_API_KEY", "anthropic/claude-haiku-4-5"],
  ["GEMINI_API_KEY", "google/gemini-2.5-flash"],
  ["GOOGLE_API_KEY", "google/gemini-2.5-flash"],
];

/**
 * `proxyless chat`: a conversation in the terminal, streamed, with the tokens and the timings of
 * every turn. Lines are read from standard input, so it works typed at a prompt and piped.
 */
export const chatCommand: CliCommand = {
  name: "chat",
  summary: "chat in the terminal, streamed, on any configured model (the emulator without keys)",
  usage: [
    "Usage: proxyless chat [--model provider/model] [--config proxyless.json] [--emulator]",
    "",
    "A conversation in the terminal, streamed. Each turn shows its tokens, its time to first token and its total time.",
    "With a config file, or an API key in OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or GOOGLE_API_KEY), it talks to the real",
    "providers; without either (or with --emulator) to the embedded emulator, so it works offline.",
    "",
    `  --model M      the model, as provider/model or an alias of the config (default ${DEFAULT_MODEL}, or the model of the one provider whose key is set)`,
    "  --config F     a proxyless config file (JSON), as loadConfig reads it",
    "  --emulator     use the embedded emulator even when keys are set",
    "",
    "In the chat:  /model M  switches the model (the conversation goes on),  /reset  starts over,  /exit  ends (or Ctrl+D).",
  ].join("\n"),
  options: {
    model: { type: "string", short: "m" },
    config: { type: "string", short: "c" },
    emulator: { type: "boolean" },
  },

  async run(values: CliValues, io: CliIo & { readonly stdin?: NodeJS.ReadableStream }): Promise<number> {
    const configFile = typeof values.config === "string" ? values.config : undefined;
    const keyed = KEYS.filter(([variable]) => process.env[variable]);
    const offline = values.emulator === true || (configFile === undefined && keyed.length === 0);
    // On the emulator, or with OpenAI's key among those set, the default; else the provider whose key there is.
    const startingModel = offline || keyed.some(([variable]) => variable === "OPENAI_API_KEY") ? DEFAULT_MODEL : (keyed[0]?.[1] ?? DEFAULT_MODEL);
    let model = typeof values.model === "string" ? values.model : startingModel;
    let emulator: Emulator | undefined;
    let config: ClientConfig = configFile !== undefined ? await loadConfig(configFile) : {};
    if (offline) {
      emulator = await startEmulator();
      config = { ...config, providers: emulator.providers("emulator-key") };
    }
    const llm = createClient(config);
    io.stdout.write(`proxyless chat with ${model}${emulator ? ` on the embedded emulator (${emulator.url})` : ""}. /model M switches, /exit ends.\n`);
    const messages: Message[] = [];
    const lines = createInterface({ input: io.stdin ?? process.stdin, terminal: false });
    const prompt = (): void => void io.stdout.write("\n> ");
    try {
      prompt();
      for await (const raw of lines) {
        const line = raw.trim();
        if (line === "") {
          prompt();
          continue;
        }
        if (line === "/exit" || line === "/quit") break;
        if (line === "/reset") {
          messages.length = 0;
          io.stdout.write("(a new conversation)\n");
        } else if (line === "/model" || line.startsWith("/model ")) {
          const next = line.slice("/model".length).trim();
          if (next === "") io.stdout.write(`model: ${model}\n`);
          else io.stdout.write(`model: ${(model = next)}\n`);
        } else if (line.startsWith("/")) {
          io.stdout.write(`unknown command ${line.split(/\s/)[0]}: /model M, /reset, /exit\n`);
        } else {
          await turn(llm, model, messages, line, io);
        }
        prompt();
      }
    } finally {
      lines.close();
      await emulator?.close();
    }
    io.stdout.write("\n");
    return 0;
  },
};

/** One turn: the answer streamed as it comes, then what it cost in tokens and time. A failed turn is said and left out of the conversation. */
async function turn(llm: ReturnType<typeof createClient>, model: string, messages: Message[], text: string, io: CliIo): Promise<void> {
  const asked: Message = { role: "user", content: text };
  try {
    const stream = llm.stream({ model, messages: [...messages, asked] });
    for await (const event of stream) if (event.type === "text-delta") io.stdout.write(event.text);
    const response = await stream.final();
    messages.push(asked, response.message);
    const { usage, meta } = response;
    const first = meta.timeToFirstTokenMs !== undefined ? `, first token ${meta.timeToFirstTokenMs.toFixed(0)} ms` : "";
    io.stdout.write(`\n  [${response.provider}/${response.model}: ${usage.inputTokens} in / ${usage.outputTokens} out tokens${first}, ${meta.latencyMs.toFixed(0)} ms]\n`);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
    io.stdout.write(`\n  [${name}: ${message}]\n`);
  }
}
