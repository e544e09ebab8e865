/**
 * The compatibility smoke run: plain JavaScript, so that Node (any version), Bun and Deno run it
 * as it is, against the installed `proxyless` package (from its packed tarball) and whichever SDK
 * majors the project installed. `.ci/compat.sh` runs it in each project of the matrix.
 *
 * For each provider: chat, stream, a tool call and structured output against the embedded
 * emulator; then the memory-backed middleware (cache, retry, rateLimit, timeout) and a typed error.
 *
 *   node smoke.mjs [--providers openai,anthropic,google]
 *
 * Prints one line per check and exits 1 when any fails.
 */
import { AuthenticationError, cache, createClient, rateLimit, retry, timeout } from "proxyless";
import { startEmulator } from "proxyless/testing";

const flag = process.argv.indexOf("--providers");
const wanted = flag >= 0 ? process.argv[flag + 1].split(",") : ["openai", "anthropic", "google"];
const models = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-haiku-4-5", google: "google/gemini-2.5-flash" };
const runtime = typeof globalThis.Bun !== "undefined" ? `bun ${globalThis.Bun.version}` : typeof globalThis.Deno !== "undefined" ? `deno ${globalThis.Deno.version.deno}` : `node ${process.version}`;

let failed = 0;
async function check(label, run) {
  try {
    const detail = await run();
    console.log(`ok    ${label}${detail ? `: ${detail}` : ""}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${label}: ${error?.stack ?? error}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const emulator = await startEmulator();
try {
  const all = emulator.providers("smoke-key");
  const providers = Object.fromEntries(wanted.map((name) => [name, all[name]]));
  const llm = createClient({ providers });
  const weather = { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } };
  const facts = { type: "object", properties: { city: { type: "string" }, population: { type: "number" } }, required: ["city", "population"], additionalProperties: false };
  console.log(`proxyless smoke on ${runtime}, providers ${wanted.join(", ")}`);

  for (const name of wanted) {
    const model = models[name];
    await check(`${name} chat`, async () => {
      const res = await llm.chat({ model, messages: [{ role: "user", content: "Hi" }], maxTokens: 20 });
      assert(res.text.length > 0 && res.usage.totalTokens > 0, `empty answer ${JSON.stringify(res.text)}`);
      return `${res.usage.totalTokens} tokens, finish ${res.finishReason}`;
    });
    await check(`${name} stream`, async () => {
      const stream = llm.stream({ model, messages: [{ role: "user", content: "Count to five." }], maxTokens: 20 });
      let deltas = 0;
      for await (const event of stream) if (event.type === "text-delta") deltas++;
      const res = await stream.final();
      assert(deltas > 0 && res.text.length > 0, "no text deltas");
      return `${deltas} deltas`;
    });
    await check(`${name} tool call`, async () => {
      const res = await llm.chat({ model, messages: [{ role: "user", content: "Weather in Lisbon?" }], tools: [weather], toolChoice: "required" });
      const call = res.toolCalls[0];
      assert(call?.name === "get_weather" && typeof call.arguments === "object" && typeof call.arguments.city === "string", `no tool call: ${JSON.stringify(res.toolCalls)}`);
      return `${call.name}(${JSON.stringify(call.arguments)})`;
    });
    await check(`${name} structured output`, async () => {
      const res = await llm.chat({ model, messages: [{ role: "user", content: "Facts about Lisbon." }], responseFormat: { type: "json", schema: facts } });
      assert(typeof res.object?.city === "string" && typeof res.object.population === "number", `no object: ${res.text}`);
      return JSON.stringify(res.object);
    });
  }

  const first = wanted[0];
  const model = models[first];
  const responses = cache();
  const guarded = createClient({ providers, middleware: [responses, retry({ minDelayMs: 1, maxDelayMs: 10 }), rateLimit({ rules: { "*": { rpm: 1_000, concurrency: 4 } } }), timeout({ totalMs: 10_000 })] });
  await check("memory middleware: cache hit on the second call", async () => {
    const ask = () => guarded.chat({ model, messages: [{ role: "user", content: "Cache me" }], maxTokens: 10 });
    await ask();
    const again = await ask();
    assert(again.meta.cached === true, "second call not cached");
    return `${responses.stats().hits} hit`;
  });
  await check("memory middleware: retry absorbs a 503", async () => {
    emulator.script({ provider: first, respond: { type: "error", status: 503 } });
    const res = await guarded.chat({ model, messages: [{ role: "user", content: "Retry me" }], maxTokens: 10 });
    assert(res.meta.attempts.length === 2, `attempts: ${res.meta.attempts.length}`);
    return "2 attempts";
  });
  await check("a provider's 401 is a typed AuthenticationError", async () => {
    emulator.script({ provider: first, respond: { type: "error", status: 401 } });
    const error = await llm.chat({ model, messages: [{ role: "user", content: "Who am I?" }] }).catch((e) => e);
    assert(error instanceof AuthenticationError && error.retryable === false, `got ${error?.name}`);
    return `${error.name}, status ${error.status}`;
  });
} finally {
  await emulator.close();
}
if (failed > 0) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
