/**
 * Routing's part of `npm run bench`: a call on a route (a fallback over two providers whose first
 * target answers) against the same call on the model id itself, alternating call by call in a
 * random order, for chat and for stream. Both clients have no middleware.
 *
 * Target (issue 9): routing adds under 2% of an emulator round trip on the happy path, as the
 * median of paired differences, measured once V8 has compiled it (`overhead.ts` gives at least
 * 1500 warm-up calls).
 */
import { createClient, type ChatRequest, type Client } from "../dist/index.js";
import { alternate } from "./alternate.js";
import { summarize } from "./stats.js";

export interface RoutingBenchOptions {
  readonly url: string;
  readonly iterations: number;
  readonly warmup: number;
}

/** One line of the report; `ok` is undefined for a line held to no target. */
export interface RoutingBenchLine {
  readonly label: string;
  readonly value: string;
  readonly ok?: boolean;
}

const TARGET = 1.02;

export async function runRoutingBench({ url, iterations, warmup }: RoutingBenchOptions): Promise<RoutingBenchLine[]> {
  const providers = { openai: { apiKey: "sk-bench", baseURL: `${url}/v1` }, anthropic: { apiKey: "sk-bench", baseURL: url } };
  const direct = createClient({ providers, retry: false });
  const routed = createClient({ providers, retry: false, models: { main: { fallback: ["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"] } } });
  const messages: ChatRequest["messages"] = [{ role: "user", content: "Summarise the benefits of an in-process gateway." }];
  const call = (client: Client, model: string, kind: "chat" | "stream") => {
    const request: ChatRequest = { model, messages, maxTokens: 200 };
    return kind === "chat" ? () => client.chat(request) : () => client.stream(request).final();
  };
  const lines: RoutingBenchLine[] = [];
  for (const kind of ["chat", "stream"] as const) {
    const [none = [], route = []] = await alternate([call(direct, "openai/gpt-4o-mini", kind), call(routed, "main", kind)], iterations, warmup);
    const base = summarize(none).median;
    const added = summarize(route.map((ms, i) => ms - (none[i] ?? ms))).median;
    const share = added / base;
    lines.push({ label: `${kind}: model id (median)`, value: `${(base * 1000).toFixed(0)} µs` });
    lines.push({
      label: `${kind}: fallback route, added (paired)`,
      value: `${(added * 1000).toFixed(0)} µs, ${(share * 100).toFixed(1)}% of a round trip (target < ${((TARGET - 1) * 100).toFixed(0)}%)`,
      ok: share < TARGET - 1,
    });
  }
  return lines;
}
