/**
 * Swapping providers is a config change. This code never names a provider: it asks the model
 * `main`, and the config file says where `main` leads. Run it with either file:
 *
 *   npx tsx examples/swap-providers/ask.ts examples/swap-providers/openai.json
 *   npx tsx examples/swap-providers/ask.ts examples/swap-providers/anthropic.json
 *
 * Keys and base URLs come from the environment (`"env:NAME"` in the files). Without keys, the
 * script starts the embedded emulator and points the variables at it.
 */
import { fileURLToPath } from "node:url";
import { createClient, loadConfig, type ChatResponse } from "proxyless";
import { startEmulator } from "proxyless/testing";

/** Asks `main` what the config file at `configPath` routes it to. */
export async function ask(configPath: string, question: string): Promise<ChatResponse> {
  const llm = createClient(await loadConfig(configPath));
  return llm.chat({ model: "main", messages: [{ role: "user", content: question }], maxTokens: 50 });
}

/** Points the variables the config files read at an emulator (keys for it, its URLs). */
export function emulatorEnvironment(urls: { readonly openai: string; readonly anthropic: string; readonly google: string }): Record<string, string> {
  return {
    OPENAI_API_KEY: "sk-example-0001",
    OPENAI_BASE_URL: urls.openai,
    ANTHROPIC_API_KEY: "sk-ant-example-0001",
    ANTHROPIC_BASE_URL: urls.anthropic,
    GEMINI_API_KEY: "gemini-example-0001",
    GEMINI_BASE_URL: urls.google,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const configPath = process.argv[2] ?? fileURLToPath(new URL("./openai.json", import.meta.url));
  const emulator = process.env.OPENAI_API_KEY || process.env.ANTHROPIC_API_KEY ? undefined : await startEmulator();
  if (emulator) Object.assign(process.env, emulatorEnvironment(emulator.baseURLs));
  try {
    const answer = await ask(configPath, "Which provider are you?");
    console.log(`${configPath}: answered by ${answer.provider} (${answer.model}): ${answer.text}`);
  } finally {
    await emulator?.close();
  }
}
