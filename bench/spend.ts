/**
 * Cost, budgets and guardrails in `npm run bench`: a client with every one of them on the happy
 * path (the response priced, a memory budget reserving and settling, guardrails scanning the
 * prompt for PII in reversible mode, a blocked-word list on input and output, and a size limit)
 * against the same client with none of them (`prices: false`), alternating call by call, for chat
 * and for stream.
 *
 * Target (issue 11): together they add under 3% of an emulator round trip, as the median of the
 * paired differences after the steady-state warm-up. Cost alone is shown too.
 */
import { blocklist, budget, createClient, guardrails, maxInputSize, pii, type ChatRequest, type Client } from "../dist/index.js";
import { alternate } from "./alternate.js";
import { summarize } from "./stats.js";

export interface SpendBenchOptions {
  readonly url: string;
  readonly iterations: number;
  readonly warmup: number;
}

export interface SpendBenchLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const TARGET = 0.03;

export async function runSpendBench({ url, iterations, warmup }: SpendBenchOptions): Promise<SpendBenchLine[]> {
  const providers = { openai: { apiKey: "sk-bench", baseURL: `${url}/v1` } };
  const bare = createClient({ providers, retry: false, prices: false });
  const priced = createClient({ providers, retry: false });
  const full = createClient({
    providers,
    retry: false,
    middleware: [
      guardrails({
        input: [pii({ mode: "reversible" }), blocklist(["forbidden topic"]), maxInputSize({ chars: 100_000 })],
        output: [blocklist(["forbidden topic"])],
      }),
      // A limit no benchmark reaches: every call reserves and settles.
      budget({ limitUsd: 1_000_000 }),
    ],
  });
  const request: ChatRequest = {
    model: "openai/gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a concise assistant for a support team." },
      { role: "user", content: "Summarise the benefits of an in-process gateway for a customer who asked about latency, secrets and failure modes." },
    ],
    maxTokens: 200,
  };
  const call = (client: Client, kind: "chat" | "stream") => (kind === "chat" ? () => client.chat(request) : () => client.stream(request).final());
  const lines: SpendBenchLine[] = [];
  for (const kind of ["chat", "stream"] as const) {
    const [none = [], costOnly = [], all = []] = await alternate([call(bare, kind), call(priced, kind), call(full, kind)], iterations, warmup);
    const base = summarize(none).median;
    const paired = (series: number[]): number => summarize(series.map((ms, i) => ms - (none[i] ?? ms))).median;
    const costAdded = paired(costOnly);
    const allAdded = paired(all);
    lines.push({ label: `${kind}: no cost, no middleware (median)`, value: `${(base * 1000).toFixed(0)} µs` });
    lines.push({ label: `${kind}: + cost (paired)`, value: `${(costAdded * 1000).toFixed(0)} µs, ${((costAdded / base) * 100).toFixed(1)}%` });
    lines.push({
      label: `${kind}: + cost, budget, guardrails`,
      value: `${(allAdded * 1000).toFixed(0)} µs, ${((allAdded / base) * 100).toFixed(1)}% of a round trip (target < ${(TARGET * 100).toFixed(0)}%)`,
      ok: allAdded / base < TARGET,
    });
  }
  return lines;
}
