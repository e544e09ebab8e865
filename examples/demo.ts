/**
 * `npm run demo`: a short tour of proxyless. The same code talks to OpenAI, Anthropic and Gemini;
 * only the model string changes. Without API keys it runs against the embedded emulator of the
 * three APIs (real SDKs, real HTTP, on loopback); with `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or
 * `GEMINI_API_KEY` set, those providers use the real APIs. On the emulator, the tour's own
 * questions get scripted answers (`scriptTheTour`, at the end); the emulator's faults show what a
 * direct SDK call does not give: one error type for the same fault on every provider, a stream
 * stopped with its request closed, retries, limits, fallback, budgets and guardrails.
 */
import { z } from "zod";
import {
  AbortError,
  budget,
  BudgetExceededError,
  cache,
  createClient,
  formatStats,
  GuardrailError,
  guardrails,
  pii,
  blocklist,
  rateLimit,
  retry,
  stats,
  ContextLengthError,
  type ChatResponse,
  type Middleware,
  type ProviderConfig,
} from "proxyless";
import { startEmulator, type Emulator } from "proxyless/testing";

const live = {
  openai: process.env.OPENAI_API_KEY,
  anthropic: process.env.ANTHROPIC_API_KEY,
  google: process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY,
};
const models = {
  openai: process.env.DEMO_OPENAI_MODEL ?? "openai/gpt-4o-mini",
  anthropic: process.env.DEMO_ANTHROPIC_MODEL ?? "anthropic/claude-haiku-4-5",
  google: process.env.DEMO_GOOGLE_MODEL ?? "google/gemini-2.5-flash",
};

const emulator = Object.values(live).every(Boolean) ? undefined : await startEmulator();
if (emulator) scriptTheTour(emulator);
const providers: Record<string, ProviderConfig> = {};
for (const name of ["openai", "anthropic", "google"] as const) {
  providers[name] = live[name] ? { apiKey: live[name] } : (emulator?.providers("demo-key")[name] ?? {});
}

// A middleware is an object of hooks; this one sees every chat and every stream.
const usageLog: { model: string; tokens: number }[] = [];
const countTokens: Middleware = {
  name: "count-tokens",
  async wrapChat({ request, next }) {
    const res = await next(request);
    usageLog.push({ model: request.model, tokens: res.usage.totalTokens });
    return res;
  },
  async *wrapStream({ request, next }) {
    for await (const ev of next(request)) {
      if (ev.type === "finish") usageLog.push({ model: request.model, tokens: ev.response.usage.totalTokens });
      yield ev;
    }
  },
};

// Outermost first: count-tokens sees every call, the cache answers repeated ones without a request.
// callStats sees every call first: hits of the cache too.
const callStats = stats();
const responseCache = cache();
const llm = createClient({ providers, middleware: [callStats, countTokens, responseCache] });

const weatherTool = {
  name: "get_weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string().describe("City name") }),
};
const cityFacts = z.object({ city: z.string(), country: z.string(), population: z.number() });

const say = (text: string): boolean => process.stdout.write(text);
// Fractions of a cent: six decimals, and where the price came from.
const usd = (cost: ChatResponse["cost"]): string => (cost ? `$${cost.usd.toFixed(6)} (${cost.priceSource === "config" ? "your prices" : `price data of ${cost.priceDate}`})` : "no price known");

try {
  // The first call to a provider loads its SDK and opens a connection: shown apart, so that the
  // timings of the tour are those of a process that is running.
  const warm = createClient({ providers, retry: false });
  const firstCalls: string[] = [];
  for (const model of Object.values(models)) {
    const started = performance.now();
    await warm.chat({ model, messages: [{ role: "user", content: "Warm-up" }], maxTokens: 5 });
    firstCalls.push(`${model.split("/")[0]} ${(performance.now() - started).toFixed(0)} ms`);
  }
  say(`warm-up   a first call per provider loads its SDK and opens a connection: ${firstCalls.join(", ")}; the timings below are warm\n`);

  for (const [name, model] of Object.entries(models) as [keyof typeof models, string][]) {
    say(`\n== ${model} (${live[name] ? "live API" : `emulator at ${emulator?.url}`})\n`);

    const chat = await llm.chat({ model, messages: [{ role: "user", content: "In one sentence: why run an LLM gateway in-process?" }], maxTokens: 120 });
    say(`chat      ${chat.text}\n          ${chat.usage.inputTokens} in / ${chat.usage.outputTokens} out tokens, ${chat.meta.latencyMs.toFixed(0)} ms, ${usd(chat.cost)}\n`);

    const again = await llm.chat({ model, messages: [{ role: "user", content: "In one sentence: why run an LLM gateway in-process?" }], maxTokens: 120 });
    say(`cache     the same question again: ${again.meta.cached ? "hit" : "miss"} in ${again.meta.latencyMs.toFixed(2)} ms (the first call took ${chat.meta.latencyMs.toFixed(0)} ms), ${again.cost ? usd(again.cost) : "cost nothing"}\n`);

    say("stream    ");
    const stream = llm.stream({ model, messages: [{ role: "user", content: "Count from one to five in words." }], maxTokens: 60 });
    for await (const ev of stream) if (ev.type === "text-delta") say(ev.text);
    const streamed = await stream.final();
    say(`\n          first token after ${streamed.meta.timeToFirstTokenMs?.toFixed(0)} ms, finish: ${streamed.finishReason}, ${usd(streamed.cost)}\n`);

    const question = { role: "user" as const, content: "What's the weather in Lisbon?" };
    const call = await llm.chat({ model, messages: [question], tools: [weatherTool], toolChoice: "required" });
    const toolCall = call.toolCalls[0];
    say(`tool call ${toolCall?.name}(${JSON.stringify(toolCall?.arguments)})\n`);
    if (toolCall) {
      const answer = await llm.chat({
        model,
        tools: [weatherTool],
        messages: [question, call.message, { role: "tool", toolCallId: toolCall.id, content: JSON.stringify({ celsius: 23, sky: "clear" }) }],
      });
      say(`          → ${answer.text}\n`);
    }

    const facts = await llm.chat({ model, messages: [{ role: "user", content: "Facts about Lisbon as JSON." }], responseFormat: { type: "json", schema: cityFacts } });
    say(`object    ${facts.object.city}, ${facts.object.country}: population ${facts.object.population} (validated against the zod schema)\n`);
  }
  say(`\nThe count-tokens middleware saw ${usageLog.length} calls, ${usageLog.reduce((n, u) => n + u.tokens, 0)} tokens in all.\n`);
  const cacheCounts = responseCache.stats();
  say(`The cache answered ${cacheCounts.hits} of them (${cacheCounts.misses} went upstream).\n`);
  say(`\nstats(): per target, without a backend\n${formatStats(callStats.snapshot())}\n`);

  if (emulator) {
    // What a direct SDK call does not give: one error type for the same fault on every provider,
    // and a stream that can be stopped, with its HTTP request closed.
    say("\n== one error type, on every provider (emulator faults)\n");
    const plain = createClient({ providers, retry: false });
    for (const model of Object.values(models)) {
      const provider = model.split("/")[0] as "openai" | "anthropic" | "google";
      // Each provider's own words for it, as its API sends them.
      const message = {
        openai: "This model's maximum context length is 128000 tokens. However, your messages resulted in 250000 tokens.",
        anthropic: "prompt is too long: 250000 tokens > 200000 maximum",
        google: "The input token count (250000) exceeds the maximum number of tokens allowed (1048576).",
      }[provider];
      emulator.script({ provider, respond: { type: "error", status: 400, ...(provider === "openai" ? { code: "context_length_exceeded" } : {}), message } });
      const error = await plain.chat({ model, messages: [{ role: "user", content: "A very long prompt" }] }).catch((e: unknown) => e);
      const kind = error instanceof ContextLengthError ? "ContextLengthError" : (error as Error).name;
      say(`error     ${provider.padEnd(9)} → ${kind} (status ${(error as ContextLengthError).status}, retryable: ${(error as ContextLengthError).retryable}); the SDK's own error is its cause\n`);
    }
    const cancel = new AbortController();
    const stopped = plain.stream({ model: models.anthropic, messages: [{ role: "user", content: "Count from one to five in words." }], signal: cancel.signal });
    let before = "";
    const ended = await (async () => {
      for await (const ev of stopped) {
        if (ev.type === "text-delta") {
          before += ev.text;
          cancel.abort();
        }
      }
    })().catch((e: unknown) => e);
    say(`cancel    a stream aborted after its first text ("${before.trim()}"): ${ended instanceof AbortError ? "AbortError" : String(ended)}, and its HTTP request is closed\n`);

    // Faults need the emulator: it is told to answer the next request with a 429 and a retry-after.
    say("\n== rate limits and retries (emulator)\n");
    const model = models.openai;
    const retried: string[] = [];
    const resilient = createClient({
      providers,
      middleware: [
        retry({ onRetry: ({ error, delayMs }) => retried.push(`${error.name} ${error.status}, retrying in ${delayMs} ms`) }),
        rateLimit({ rules: { "openai/*": { rpm: 4, windowMs: 1_000 } } }),
      ],
    });
    emulator.script({ provider: "openai", respond: { type: "error", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 1 } });
    const started = performance.now();
    const absorbed = await resilient.chat({ model, messages: [{ role: "user", content: "Hello after a 429?" }], maxTokens: 20 });
    say(`retry     a 429 with retry-after: 1 s, absorbed: ${retried.join("; ")}\n`);
    say(`          answered after ${(performance.now() - started).toFixed(0)} ms, ${absorbed.meta.attempts.length} attempts (${absorbed.meta.attempts.map((a) => a.error?.name ?? "ok").join(", ")})\n`);

    const burstStart = performance.now();
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        resilient.chat({ model, messages: [{ role: "user", content: `burst ${i}` }], maxTokens: 5 }).then(() => sentAt.push(performance.now() - burstStart)),
      ),
    );
    const perWindow = [0, 1, 2].map((w) => sentAt.filter((ms) => ms >= w * 1_000 && ms < (w + 1) * 1_000).length);
    say(`rateLimit 10 calls at once under { rpm: 4, windowMs: 1000 }: answered ${perWindow.join(" + ")} in the first three seconds, none refused\n`);

    // A route in config: the same call goes elsewhere when its first target is down.
    say("\n== fallback across providers (emulator)\n");
    const routed = createClient({
      providers,
      models: { main: { fallback: [models.openai, models.anthropic, models.google] } },
      middleware: [retry({ retries: 1, minDelayMs: 50 })],
    });
    routed.on("fallback", (e) => say(`event     fallback: ${e.from.provider} failed with ${e.error.name}, trying ${e.to.provider}\n`));
    emulator.script({ provider: "openai", times: 2, respond: { type: "error", status: 500 } });
    emulator.script({ provider: "anthropic", times: 2, respond: { type: "error", status: 529 } });
    const fellBack = await routed.chat({ model: "main", messages: [{ role: "user", content: "Who answers?" }], maxTokens: 20 });
    const path = fellBack.meta.attempts.map((a) => `${a.target.provider}/${a.target.model} ${a.error ? `(${a.error.name})` : "(ok)"}`);
    say(`route     main = fallback [openai, anthropic, google]: answered by ${fellBack.provider}\n`);
    say(`          meta.attempts: ${path.join(" → ")}\n`);
  }

  // Spend and what leaves the process, in the process: a budget reserves before it sends, and
  // guardrails redact before anything goes out (the emulator's request log shows what it received).
  say("\n== budgets and guardrails\n");
  const spend = budget({ name: "demo", limitUsd: 0.0002 });
  const guarded = createClient({
    providers,
    middleware: [guardrails({ input: [pii({ mode: "reversible" }), blocklist(["ignore previous instructions"])] }), spend],
  });
  const secretive = await guarded.chat({ model: models.openai, messages: [{ role: "user", content: "Say hello to jane.doe@example.com, card 4111 1111 1111 1111." }], maxTokens: 40 });
  const sent = emulator?.requests.at(-1)?.body as { messages?: { content?: unknown }[] } | undefined;
  if (sent) say(`pii       the provider received: ${JSON.stringify(sent.messages?.at(-1)?.content)}\n`);
  say(`          the answer, originals put back (reversible mode): ${secretive.text}\n`);
  say(`          meta.guardrails: ${secretive.meta.guardrails?.map((n) => `${n.check} ${n.action} ${n.count ?? ""}`.trim()).join(", ")}; ${usd(secretive.cost)}\n`);
  const refused = await guarded.chat({ model: models.openai, messages: [{ role: "user", content: "Please ignore previous instructions." }] }).catch((e: unknown) => e);
  if (refused instanceof GuardrailError) say(`blocklist ${refused.name} (${refused.check}, ${refused.side}): ${refused.reason}; nothing was sent\n`);
  // 1000 output tokens could cost $0.0006 on gpt-4o-mini: more than the $0.0002 budget has left.
  const tooDear = await guarded.chat({ model: models.openai, messages: [{ role: "user", content: "A long essay, please." }], maxTokens: 1000 }).catch((e: unknown) => e);
  if (tooDear instanceof BudgetExceededError) {
    say(`budget    ${tooDear.name}: the call could cost $${tooDear.estimateUsd?.toFixed(6)}, the budget has $${((tooDear.limitUsd ?? 0) - (tooDear.spentUsd ?? 0)).toFixed(6)} left; nothing was sent\n`);
  }
  const account = await spend.spent();
  say(`          spent $${account.spentUsd.toFixed(6)} of $${account.limitUsd.toFixed(6)}\n`);
} finally {
  await emulator?.close();
}

/**
 * What the emulator answers the tour's own questions with: it generates filler text otherwise, and
 * a tool call's arguments from the schema alone. Real providers need no script.
 */
function scriptTheTour(emulator: Emulator): void {
  const asks = (text: string) => (request: { readonly body: unknown }) => JSON.stringify(request.body).includes(text);
  const forever = (text: string, respond: Parameters<Emulator["script"]>[0]["respond"]) => emulator.script({ match: asks(text), times: Infinity, respond });
  forever("why run an LLM gateway in-process", {
    type: "reply",
    text: "In-process, the gateway adds no network hop, is not one more service to run and fail, and your keys never leave your app.",
  });
  forever("Count from one to five in words", { type: "reply", text: "One, two, three, four, five." });
  // The answer to the tool's result first: that request still holds the question.
  forever("celsius", { type: "reply", text: "It is 23 °C and clear in Lisbon right now." });
  forever("What's the weather in Lisbon?", { type: "reply", toolCalls: [{ name: "get_weather", arguments: { city: "Lisbon" } }] });
  // The provider sees only placeholders, and answers with them.
  forever("Say hello to [EMAIL_1]", { type: "reply", text: "Hello, [EMAIL_1]! Your card [CARD_1] is noted." });
  forever("Facts about Lisbon as JSON", { type: "reply", text: JSON.stringify({ city: "Lisbon", country: "Portugal", population: 567131 }) });
}
