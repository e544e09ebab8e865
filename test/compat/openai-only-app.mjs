/**
 * An app that uses only OpenAI, bundled by `.ci/compat.sh` with esbuild and with Vite in a project
 * where only `openai` (and no other SDK, and no ioredis) is installed. With `--inside`, the SDK
 * module is handed to proxyless (`providers.openai.sdk`), so the bundle carries it and runs with no
 * `node_modules` at all.
 */
import * as openai from "openai";
import { createClient } from "proxyless";
import { startEmulator } from "proxyless/testing";

const inside = process.argv.includes("--inside");
const emulator = await startEmulator();
try {
  const llm = createClient({ providers: { openai: { ...emulator.providers("k").openai, ...(inside ? { sdk: openai } : {}) } } });
  const res = await llm.chat({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], maxTokens: 5 });
  const stream = llm.stream({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], maxTokens: 5 });
  let deltas = 0;
  for await (const event of stream) if (event.type === "text-delta") deltas++;
  if (!(res.text.length > 0 && deltas > 0)) throw new Error("no answer from the bundled app");
  console.log(`ok    bundled OpenAI-only app${inside ? " (SDK inside the bundle, no node_modules)" : ""}: chat and a stream of ${deltas} deltas`);
} finally {
  await emulator.close();
}
